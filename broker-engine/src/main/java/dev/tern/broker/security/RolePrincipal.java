package dev.tern.broker.security;

import java.security.Principal;
import java.util.Objects;

/**
 * A role that a JAAS {@code LoginModule} written for Tern adds to the subject it logs in; the broker
 * takes the names of these principals (and of any other classes named in {@link JaasSettings}) as the
 * user's roles.
 *
 * @param name the role's name
 */
public record RolePrincipal(String name) implements Principal {

    public RolePrincipal {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String getName() {
        return name;
    }
}
