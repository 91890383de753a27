package dev.tern.broker.security;

import dev.tern.broker.BrokerException;
import dev.tern.protocol.ErrorCode;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.URIParameter;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * Checks credentials with the login modules of one entry of a JAAS configuration file, read when the
 * broker starts or reloads its security settings. The modules get the user name through a
 * {@link NameCallback} and the password through a {@link PasswordCallback}; the user's roles are the names
 * of the subject's principals of the configured classes. A login module may wait on the network (LDAP),
 * so logins run on the broker's login threads, never on a connection's lane.
 */
final class JaasAuthenticator implements Authenticator {

    private final Configuration configuration;
    private final String entry;
    private final Set<String> roleClasses;

    private JaasAuthenticator(Configuration configuration, String entry, Set<String> roleClasses) {
        this.configuration = configuration;
        this.entry = entry;
        this.roleClasses = roleClasses;
    }

    /**
     * Reads the configuration file and checks that it has the entry.
     *
     * @throws BrokerException INVALID_ARGUMENT if it cannot be read or lacks the entry
     */
    static JaasAuthenticator load(JaasSettings settings) {
        Configuration configuration;
        try {
            configuration = Configuration.getInstance("JavaLoginConfig", new URIParameter(settings.configFile().toUri()));
        } catch (NoSuchAlgorithmException | SecurityException e) {
            throw new BrokerException(ErrorCode.INVALID_ARGUMENT, "Cannot read the JAAS configuration "
                    + settings.configFile().toAbsolutePath() + ": " + (e.getCause() == null ? e : e.getCause()).getMessage());
        }
        if (configuration.getAppConfigurationEntry(settings.entry()) == null) {
            throw new BrokerException(ErrorCode.INVALID_ARGUMENT, "The JAAS configuration "
                    + settings.configFile().toAbsolutePath() + " has no entry '" + settings.entry() + "'.");
        }
        return new JaasAuthenticator(configuration, settings.entry(), settings.rolePrincipalClasses());
    }

    @Override
    public AuthenticatedUser authenticate(String user, String password) {
        if (user == null) {
            throw new BrokerException(ErrorCode.SECURITY, "This broker requires a user name and password.");
        }
        Subject subject = new Subject();
        try {
            LoginContext login = new LoginContext(entry, subject, callbacks -> answer(callbacks, user, password),
                    configuration);
            login.login();
        } catch (LoginException e) {
            throw new BrokerException(ErrorCode.SECURITY, "User name or password not accepted for user '" + user
                    + "'" + (e.getMessage() == null ? "." : ": " + e.getMessage()));
        }
        Set<String> roles = subject.getPrincipals().stream()
                .filter(principal -> roleClasses.contains(principal.getClass().getName()))
                .map(Principal::getName)
                .collect(Collectors.toSet());
        return new AuthenticatedUser(user, roles);
    }

    private static void answer(Callback[] callbacks, String user, String password) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(user);
            } else if (callback instanceof PasswordCallback secret) {
                secret.setPassword(password == null ? new char[0] : password.toCharArray());
            } else {
                throw new UnsupportedCallbackException(callback, "Tern answers only name and password callbacks");
            }
        }
    }
}
