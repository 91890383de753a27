package dev.tern.broker.security;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The security keys of the standalone broker's configuration file and of the {@code broker.} options of a
 * {@code vm://} URL, applied to {@link SecuritySettings}: one reading of them for both.
 */
public final class SecurityOptions {

    /** What the keys of {@linkplain AccessRules access rules} start with: {@code security.<pattern>.<permission>}. */
    public static final String RULE_PREFIX = "security.";

    /** The keys besides the access rules. */
    public static final List<String> KEYS = List.of("usersFile", "guestUser", "jaasConfigFile", "jaasEntry",
            "jaasRolePrincipalClasses", "certificateUsersFile", "maxFailedLoginsPerMinute", "maxConnectionsPerUser",
            "maxConnectionsPerAddress");

    private SecurityOptions() {
    }

    /** True for a key these options read. */
    public static boolean reads(String key) {
        return KEYS.contains(key) || key.startsWith(RULE_PREFIX);
    }

    /**
     * The settings with these options applied over them; access rules add to the rules already there.
     *
     * @param options keys that {@link #reads} and their values
     * @param path resolves a file name (against the configuration file's directory, for instance)
     * @param keyPrefix how the keys are written where they came from, for messages: {@code broker.} on a URL
     * @throws IllegalArgumentException naming the key, for a bad value, or JAAS options without a file
     */
    public static SecuritySettings apply(SecuritySettings settings, Map<String, String> options,
            Function<String, Path> path, String keyPrefix) {
        SecuritySettings applied = settings;
        AccessRules rules = settings.accessRules();
        LoginLimits limits = settings.limits();
        String jaasFile = null;
        String jaasEntry = null;
        Set<String> jaasRoleClasses = null;
        for (Map.Entry<String, String> option : options.entrySet()) {
            String key = option.getKey();
            String value = option.getValue();
            if (key.startsWith(RULE_PREFIX)) {
                rules = rules.withRule(key.substring(RULE_PREFIX.length()), value);
                continue;
            }
            switch (key) {
                case "usersFile" -> applied = applied.withUsersFile(path.apply(value));
                case "guestUser" -> applied = applied.withGuestUser(value);
                case "certificateUsersFile" -> applied = applied.withCertificateUsersFile(path.apply(value));
                case "jaasConfigFile" -> jaasFile = value.strip();
                case "jaasEntry" -> jaasEntry = value.strip();
                case "jaasRolePrincipalClasses" -> jaasRoleClasses = Arrays.stream(value.split(",")).map(String::strip)
                        .filter(name -> !name.isEmpty()).collect(Collectors.toSet());
                case "maxFailedLoginsPerMinute" ->
                        limits = limits.withMaxFailedLoginsPerMinute(count(keyPrefix + key, value));
                case "maxConnectionsPerUser" -> limits = limits.withMaxConnectionsPerUser(count(keyPrefix + key, value));
                case "maxConnectionsPerAddress" ->
                        limits = limits.withMaxConnectionsPerAddress(count(keyPrefix + key, value));
                default -> throw new IllegalArgumentException("Unknown security option " + keyPrefix + key + ".");
            }
        }
        if (jaasFile != null) {
            applied = applied.withJaas(new JaasSettings(path.apply(jaasFile), jaasEntry, jaasRoleClasses));
        } else if (jaasEntry != null || jaasRoleClasses != null) {
            throw new IllegalArgumentException(keyPrefix + "jaasEntry and " + keyPrefix + "jaasRolePrincipalClasses need "
                    + keyPrefix + "jaasConfigFile, the JAAS configuration file.");
        }
        return applied.withAccessRules(rules).withLimits(limits);
    }

    private static int count(String key, String value) {
        try {
            int count = Integer.parseInt(value);
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be 0 (no limit) or a positive whole number, was '" + value + "'.");
    }
}
