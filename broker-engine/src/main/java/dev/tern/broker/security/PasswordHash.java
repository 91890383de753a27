package dev.tern.broker.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password stored as PBKDF2-HMAC-SHA256 with a salt of its own, in the form a users file holds:
 * {@code $pbkdf2-sha256$ITERATIONS$SALT$HASH}, salt and hash in Base64 without padding. Checking a
 * password costs as much as the iterations say, which is what makes guessing slow.
 *
 * @param iterations how many rounds of HMAC-SHA256 derive the hash
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {

    /** The rounds {@link #of} uses unless told otherwise: OWASP's advice for PBKDF2-HMAC-SHA256 (2023). */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** The fewest rounds a stored hash may have; fewer would make guessing cheap. */
    public static final int MIN_ITERATIONS = 10_000;

    private static final String PREFIX = "$pbkdf2-sha256$";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int MIN_BYTES = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    public PasswordHash {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("A password hash needs at least " + MIN_ITERATIONS
                    + " iterations, has " + iterations + ".");
        }
        if (salt.length < MIN_BYTES || hash.length < MIN_BYTES) {
            throw new IllegalArgumentException("A password hash needs a salt and a hash of at least " + MIN_BYTES
                    + " bytes each.");
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    /** Hashes a password with a new random salt. */
    public static PasswordHash of(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations, HASH_BYTES));
    }

    /**
     * A hash of no password at all, with random salt and hash: checking a password against it costs what
     * checking one against a real hash of these iterations costs, without deriving one first.
     */
    public static PasswordHash decoy(int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        byte[] hash = new byte[HASH_BYTES];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(hash);
        return new PasswordHash(iterations, salt, hash);
    }

    /** True if a users file's value is a hash in this form rather than a clear-text password. */
    public static boolean isHash(String stored) {
        return stored.startsWith(PREFIX);
    }

    /**
     * Reads a hash in users-file form.
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static PasswordHash parse(String stored) {
        String[] parts = stored.split("\\$", -1);
        if (!isHash(stored) || parts.length != 5) {
            throw new IllegalArgumentException("not in the form $pbkdf2-sha256$ITERATIONS$SALT$HASH");
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            return new PasswordHash(Integer.parseInt(parts[2]), base64.decode(parts[3]), base64.decode(parts[4]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iterations are not a number: " + parts[2], e);
        }
    }

    /** True if the password is the one hashed; compares in constant time. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations, hash.length));
    }

    /** The users-file form. */
    public String encoded() {
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return PREFIX + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasswordHash that && iterations == that.iterations
                && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * iterations + Arrays.hashCode(salt)) + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "PasswordHash[pbkdf2-sha256, " + iterations + " iterations]";
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot derive PBKDF2-HMAC-SHA256 keys", e);
        }
    }
}
