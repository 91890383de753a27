package dev.tern.broker.security;

import dev.tern.broker.BrokerException;
import javax.security.auth.x500.X500Principal;

/** Checks the credentials a connection opens with. Implementations are thread-safe. */
public interface Authenticator {

    /** Lets everyone in, as whatever user name they give; the default when no users are configured. */
    Authenticator OPEN = (user, password) -> user == null ? AuthenticatedUser.ANONYMOUS
            : new AuthenticatedUser(user, java.util.Set.of());

    /**
     * The identity these credentials prove.
     *
     * @param user the user name, or null if the client gave none
     * @param password the password, or null
     * @throws BrokerException with code SECURITY if they prove nothing
     */
    AuthenticatedUser authenticate(String user, String password);

    /**
     * The identity these credentials, or the certificate the client proved it holds over TLS, prove. Only
     * a certificate login looks at the certificate; the others check the user name and password.
     *
     * @param certificate the subject of the client's verified certificate, or null
     * @throws BrokerException with code SECURITY if they prove nothing
     */
    default AuthenticatedUser authenticate(String user, String password, X500Principal certificate) {
        return authenticate(user, password);
    }
}
