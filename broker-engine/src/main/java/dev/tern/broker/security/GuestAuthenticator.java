package dev.tern.broker.security;

import java.util.Objects;

/**
 * Lets a connection that gives no user name in as the guest user; hands every connection that gives one,
 * right or wrong, to the authenticator it wraps, so that bad credentials are never taken for a guest.
 */
final class GuestAuthenticator implements Authenticator {

    private final AuthenticatedUser guest;
    private final Authenticator users;

    /**
     * @param guest the identity, with its roles, of a connection that gives no user name
     * @param users checks the connections that give a user name
     */
    GuestAuthenticator(AuthenticatedUser guest, Authenticator users) {
        this.guest = Objects.requireNonNull(guest, "guest");
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public AuthenticatedUser authenticate(String user, String password) {
        return user == null ? guest : users.authenticate(user, password);
    }
}
