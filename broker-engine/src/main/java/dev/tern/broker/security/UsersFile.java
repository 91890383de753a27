package dev.tern.broker.security;

import dev.tern.broker.BrokerException;
import dev.tern.protocol.ErrorCode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Users, passwords and roles read from a properties file; every connection must name one of the users
 * and give its password (unless a {@linkplain SecuritySettings#guestUser() guest user} is set for
 * connections that give no user name).
 *
 * <pre>
 * # user = password
 * alice = secret
 * bob = hunter2
 * # role.ROLE = user, user, ...
 * role.admin = alice
 * role.senders = alice, bob
 * </pre>
 *
 * A user name may not start with {@code role.}. Passwords are stored as written, so protect the file
 * as you would the passwords. The file is read once, when the broker starts.
 */
public final class UsersFile implements Authenticator {

    private static final String ROLE_PREFIX = "role.";

    private final Map<String, byte[]> passwords;
    private final Map<String, Set<String>> rolesByUser;

    private UsersFile(Map<String, byte[]> passwords, Map<String, Set<String>> rolesByUser) {
        this.passwords = passwords;
        this.rolesByUser = rolesByUser;
    }

    /**
     * Reads a users file.
     *
     * @throws BrokerException INVALID_ARGUMENT if it cannot be read or a role names an unknown user
     */
    public static UsersFile load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new BrokerException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot read the users file " + file.toAbsolutePath() + ": " + e);
        }
        Map<String, byte[]> passwords = new HashMap<>();
        Map<String, Set<String>> roles = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith(ROLE_PREFIX)) {
                passwords.put(key, properties.getProperty(key).getBytes(StandardCharsets.UTF_8));
                roles.putIfAbsent(key, new HashSet<>());
            }
        }
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(ROLE_PREFIX)) {
                String role = key.substring(ROLE_PREFIX.length());
                for (String user : properties.getProperty(key).split(",")) {
                    Set<String> held = roles.get(user.strip());
                    if (held == null) {
                        throw new BrokerException(ErrorCode.INVALID_ARGUMENT, "Users file " + file.toAbsolutePath()
                                + ": role " + role + " names user '" + user.strip() + "', who has no password line.");
                    }
                    held.add(role);
                }
            }
        }
        Map<String, Set<String>> frozenRoles = new HashMap<>();
        roles.forEach((user, held) -> frozenRoles.put(user, Set.copyOf(held)));
        return new UsersFile(Map.copyOf(passwords), Map.copyOf(frozenRoles));
    }

    @Override
    public AuthenticatedUser authenticate(String user, String password) {
        if (user == null) {
            throw refused("This broker requires a user name and password.");
        }
        byte[] expected = passwords.get(user);
        byte[] given = password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8);
        // Compare even for an unknown user, so that timing does not tell which user names exist.
        boolean matches = MessageDigest.isEqual(expected == null ? new byte[0] : expected, given);
        if (expected == null || !matches) {
            throw refused("User name or password not accepted for user '" + user + "'.");
        }
        return new AuthenticatedUser(user, rolesByUser.get(user));
    }

    /** The user of this file with that name, with its roles; no password is checked. */
    Optional<AuthenticatedUser> user(String name) {
        Set<String> roles = rolesByUser.get(name);
        return roles == null ? Optional.empty() : Optional.of(new AuthenticatedUser(name, roles));
    }

    private static BrokerException refused(String message) {
        return new BrokerException(ErrorCode.SECURITY, message);
    }
}
