package dev.tern.jms.e2e;

import dev.tern.broker.security.RolePrincipal;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/**
 * A JAAS login module of the tests' own, configured in the JAAS file by two options:
 * {@code users="alice:secret,bob:hunter2"} and {@code roles="alice:shop|admin"}. It adds each role twice,
 * as a Tern {@link RolePrincipal} and as a {@link GroupPrincipal}, so that tests can choose the class
 * the broker reads roles from.
 */
public final class MapLoginModule implements LoginModule {

    private Subject subject;
    private CallbackHandler callbacks;
    private Map<String, ?> options;
    private final List<Principal> added = new ArrayList<>();
    private String user;

    /** A principal of a class other than Tern's. */
    public record GroupPrincipal(String getName) implements Principal {
    }

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
        this.options = options;
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user");
        PasswordCallback password = new PasswordCallback("password", false);
        try {
            callbacks.handle(new Callback[] {name, password});
        } catch (Exception e) {
            throw new LoginException(e.toString());
        }
        String expected = entries("users").get(name.getName());
        if (expected == null || !expected.equals(new String(password.getPassword()))) {
            throw new FailedLoginException("unknown user or wrong password");
        }
        user = name.getName();
        return true;
    }

    @Override
    public boolean commit() {
        String roles = entries("roles").getOrDefault(user, "");
        for (String role : roles.split("\\|")) {
            if (!role.isEmpty()) {
                added.add(new RolePrincipal(role));
                added.add(new GroupPrincipal(role));
            }
        }
        subject.getPrincipals().addAll(added);
        return true;
    }

    @Override
    public boolean abort() {
        return logout();
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(added);
        added.clear();
        return true;
    }

    private Map<String, String> entries(String option) {
        Object value = options.get(option);
        return value == null ? Map.of() : Arrays.stream(value.toString().split(","))
                .map(entry -> entry.split(":", 2))
                .collect(java.util.stream.Collectors.toMap(pair -> pair[0].strip(), pair -> pair[1].strip()));
    }
}
