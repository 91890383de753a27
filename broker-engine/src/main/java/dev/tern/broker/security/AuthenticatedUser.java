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

    /** The role that lets a user see what belongs to other connections, such as their temporary destinations. */
    public static final String ADMIN_ROLE = "admin";

    public AuthenticatedUser {
        roles = Set.copyOf(roles);
    }

    /**
     * True if the user holds the {@value #ADMIN_ROLE} role. Until the broker has permissions, this only
     * decides whether the statistics list other connections' temporary destinations.
     */
    public boolean isAdmin() {
        return roles.contains(ADMIN_ROLE);
    }
}
