package dev.tern.broker.security;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * Logging in through a JAAS configuration (the JDK's {@code javax.security.auth.login}), as Artemis and
 * ActiveMQ Classic do, so that LDAP, Kerberos or a module of one's own checks the passwords.
 *
 * @param configFile the JAAS configuration file, in the JDK's syntax
 * @param entry the entry of that file the broker logs in with
 * @param rolePrincipalClasses the class names of the principals whose names are the user's roles
 */
public record JaasSettings(Path configFile, String entry, Set<String> rolePrincipalClasses) {

    /** The entry used when none is named. */
    public static final String DEFAULT_ENTRY = "tern";

    public JaasSettings {
        Objects.requireNonNull(configFile, "configFile");
        entry = entry == null || entry.isBlank() ? DEFAULT_ENTRY : entry;
        rolePrincipalClasses = rolePrincipalClasses == null || rolePrincipalClasses.isEmpty()
                ? Set.of(RolePrincipal.class.getName()) : Set.copyOf(rolePrincipalClasses);
    }

    /** The configuration file's {@value #DEFAULT_ENTRY} entry, with {@link RolePrincipal} roles. */
    public static JaasSettings of(Path configFile) {
        return new JaasSettings(configFile, null, null);
    }

    public JaasSettings withEntry(String newEntry) {
        return new JaasSettings(configFile, newEntry, rolePrincipalClasses);
    }

    public JaasSettings withRolePrincipalClasses(Set<String> newClasses) {
        return new JaasSettings(configFile, entry, newClasses);
    }
}
