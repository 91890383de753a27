package dev.tern.broker.security;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code jaasConfigFile}, {@code jaasEntry} and {@code jaasRolePrincipalClasses} options, as the broker's
 * file and a {@code vm://} URL give them, made into {@link JaasSettings}.
 */
public final class JaasOptions {

    /** What the keys of these options start with. */
    public static final String PREFIX = "jaas";

    private JaasOptions() {
    }

    /**
     * The JAAS settings these options describe, or null when there are none.
     *
     * @param options the options whose keys start with {@value #PREFIX}, as they were given
     * @param path resolves the configuration file's path (against the broker's file, for instance)
     * @throws IllegalArgumentException for an unknown key, or an entry or role classes without a file
     */
    public static JaasSettings parse(Map<String, String> options, Function<String, Path> path) {
        String file = null;
        String entry = null;
        Set<String> roleClasses = null;
        for (Map.Entry<String, String> option : options.entrySet()) {
            String value = option.getValue().strip();
            switch (option.getKey()) {
                case "jaasConfigFile" -> file = value;
                case "jaasEntry" -> entry = value;
                case "jaasRolePrincipalClasses" -> roleClasses = Arrays.stream(value.split(",")).map(String::strip)
                        .filter(name -> !name.isEmpty()).collect(Collectors.toSet());
                default -> throw new IllegalArgumentException("Unknown option " + option.getKey()
                        + "; the JAAS options are jaasConfigFile, jaasEntry and jaasRolePrincipalClasses.");
            }
        }
        if (file == null) {
            if (!options.isEmpty()) {
                throw new IllegalArgumentException("jaasEntry and jaasRolePrincipalClasses need jaasConfigFile, "
                        + "the JAAS configuration file.");
            }
            return null;
        }
        return new JaasSettings(path.apply(file), entry, roleClasses);
    }
}
