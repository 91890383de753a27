package dev.tern.broker.security;

import dev.tern.broker.BrokerException;
import dev.tern.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users, passwords and roles read from a properties file; every connection must name one of the users
 * and give its password (unless a {@linkplain SecuritySettings#guestUser() guest user} is set for
 * connections that give no user name).
 *
 * <pre>
 * # user = password, hashed by tern user add (see PasswordHash), or in clear text
 * alice = $pbkdf2-sha256$600000$3q2+7w...$Jk1...
 * bob = hunter2
 * # role.ROLE = user, user, ...
 * role.admin = alice
 * role.senders = alice, bob
 * </pre>
 *
 * A user name may not start with {@code role.}. A clear-text password still works, with a warning when
 * the file is read. Passwords are compared in constant time, and an unknown user takes as long to refuse
 * as a wrong password, as long as the file's passwords are all hashed or all in clear text (in a file
 * that mixes them, the time of a refusal tells which kind a user has). Checking a hashed password is slow on purpose; once a user's password has been
 * proven right, a keyed fingerprint of it is remembered in memory so that the next login with it is fast.
 */
public final class UsersFile implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(UsersFile.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared with for an unknown user of a file without hashed passwords. */
    private static final byte[] NO_PASSWORD = new byte[32];

    private final Map<String, byte[]> clearPasswords;
    private final Map<String, PasswordHash> hashedPasswords;
    private final Map<String, Set<String>> rolesByUser;
    /** Checked against for an unknown user, so that refusing one costs what a wrong password costs. */
    private final PasswordHash decoy;
    /** Per user, a keyed fingerprint of the password last proven right. */
    private final Map<String, byte[]> proven = new ConcurrentHashMap<>();
    private final SecretKeySpec fingerprintKey;

    private UsersFile(Map<String, byte[]> clearPasswords, Map<String, PasswordHash> hashedPasswords,
            Map<String, Set<String>> rolesByUser) {
        this.clearPasswords = clearPasswords;
        this.hashedPasswords = hashedPasswords;
        this.rolesByUser = rolesByUser;
        this.decoy = hashedPasswords.values().stream().mapToInt(PasswordHash::iterations).max().stream()
                .mapToObj(PasswordHash::decoy).findFirst().orElse(null);
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        this.fingerprintKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * Reads a users file.
     *
     * @throws BrokerException INVALID_ARGUMENT if it cannot be read, a role names an unknown user or a
     *     hashed password is malformed
     */
    public static UsersFile load(Path file) {
        RoleFile lines = RoleFile.read(file, "users file");
        Map<String, byte[]> clear = new HashMap<>();
        Map<String, PasswordHash> hashed = new HashMap<>();
        lines.users().forEach((user, stored) -> {
            if (PasswordHash.isHash(stored)) {
                hashed.put(user, parseHash(file, user, stored));
            } else {
                clear.put(user, sha256(stored));
            }
        });
        if (!clear.isEmpty()) {
            LOG.warn("Users file {} holds the passwords of {} in clear text; hash them with 'tern user passwd NAME'.",
                    file.toAbsolutePath(), new TreeSet<>(clear.keySet()));
        }
        return new UsersFile(Map.copyOf(clear), Map.copyOf(hashed), lines.rolesByUser());
    }

    @Override
    public AuthenticatedUser authenticate(String user, String password) {
        if (user == null) {
            throw refused("This broker requires a user name and password.");
        }
        String given = password == null ? "" : password;
        if (!matches(user, given)) {
            throw refused("User name or password not accepted for user '" + user + "'.");
        }
        return new AuthenticatedUser(user, rolesByUser.get(user));
    }

    /** The user of this file with that name, with its roles; no password is checked. */
    Optional<AuthenticatedUser> user(String name) {
        Set<String> roles = rolesByUser.get(name);
        return roles == null ? Optional.empty() : Optional.of(new AuthenticatedUser(name, roles));
    }

    private boolean matches(String user, String given) {
        PasswordHash hashed = hashedPasswords.get(user);
        if (hashed != null) {
            return matchesHash(user, hashed, given);
        }
        byte[] expected = clearPasswords.get(user);
        if (expected == null && decoy != null) {
            decoy.matches(given.toCharArray());
            return false;
        }
        // Compare digests, of one length, even for an unknown user: timing tells neither the password's
        // length nor which user names exist.
        boolean matches = MessageDigest.isEqual(expected == null ? NO_PASSWORD : expected, sha256(given));
        return expected != null && matches;
    }

    private boolean matchesHash(String user, PasswordHash hashed, String given) {
        byte[] fingerprint = fingerprint(user, given);
        byte[] known = proven.get(user);
        if (known != null && MessageDigest.isEqual(known, fingerprint)) {
            return true;
        }
        if (!hashed.matches(given.toCharArray())) {
            return false;
        }
        proven.put(user, fingerprint);
        return true;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot compute SHA-256", e);
        }
    }

    private byte[] fingerprint(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(fingerprintKey);
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot compute HMAC-SHA256", e);
        }
    }

    private static PasswordHash parseHash(Path file, String user, String stored) {
        try {
            return PasswordHash.parse(stored);
        } catch (IllegalArgumentException e) {
            throw new BrokerException(ErrorCode.INVALID_ARGUMENT, "Users file " + file.toAbsolutePath()
                    + ": the hashed password of user '" + user + "' is malformed (" + e.getMessage()
                    + "); set it again with 'tern user passwd " + user + "'.");
        }
    }

    private static BrokerException refused(String message) {
        return new BrokerException(ErrorCode.SECURITY, message);
    }
}
