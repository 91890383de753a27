package dev.tern.broker.security;

import dev.tern.broker.BrokerException;
import dev.tern.protocol.ErrorCode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A properties file of users and roles, as the users file and the certificate users file are: one
 * {@code user = value} line per user and {@code role.ROLE = user, user} lines.
 *
 * @param users each user's value (a password, a certificate subject)
 * @param rolesByUser each user's roles
 */
record RoleFile(Map<String, String> users, Map<String, Set<String>> rolesByUser) {

    static final String ROLE_PREFIX = "role.";

    /**
     * Reads one.
     *
     * @param what the kind of file, for messages: "users file"
     * @throws BrokerException INVALID_ARGUMENT if it cannot be read or a role names an unknown user
     */
    static RoleFile read(Path file, String what) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new BrokerException(ErrorCode.INVALID_ARGUMENT, "Cannot read the " + what + " " + file.toAbsolutePath()
                    + ": " + e);
        }
        Map<String, String> users = new HashMap<>();
        Map<String, Set<String>> roles = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith(ROLE_PREFIX)) {
                users.put(key, properties.getProperty(key));
                roles.put(key, new HashSet<>());
            }
        }
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(ROLE_PREFIX)) {
                String role = key.substring(ROLE_PREFIX.length());
                for (String user : properties.getProperty(key).split(",")) {
                    Set<String> held = roles.get(user.strip());
                    if (held == null) {
                        throw new BrokerException(ErrorCode.INVALID_ARGUMENT, Character.toUpperCase(what.charAt(0))
                                + what.substring(1) + " " + file.toAbsolutePath() + ": role " + role + " names user '"
                                + user.strip() + "', who has no line of its own.");
                    }
                    held.add(role);
                }
            }
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        roles.forEach((user, held) -> frozen.put(user, Set.copyOf(held)));
        return new RoleFile(Map.copyOf(users), Map.copyOf(frozen));
    }
}
