package dev.tern.broker.security;

import java.util.Set;

/**
 * The identity a connection acts as.
 *
 * @param name the user name, or null for an anonymous connection to a broker without users
 * @param roles the roles the user holds
 */
public record AuthenticatedUser(String name, Set<String> roles) {

    /** The identity of a connection that gave no user name to a broker that does not ask for one. */
    public static final AuthenticatedUser ANONYMOUS = new AuthenticatedUser(null, Set.of());

    /** The role that may administer a broker with users and no access rules of its own ({@link AccessRules#USERS_DEFAULT}). */
    public static final String ADMIN_ROLE = "admin";

    public AuthenticatedUser {
        roles = Set.copyOf(roles);
    }
}
