package dev.tern.broker.security;

import dev.tern.broker.BrokerException;

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
}
