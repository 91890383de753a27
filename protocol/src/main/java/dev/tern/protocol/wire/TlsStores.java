package dev.tern.protocol.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Loads key and trust stores for TLS, on the broker and the client alike, and names the file in every
 * failure. A store's type is guessed from its name: {@code .jks} is JKS, anything else PKCS12.
 */
public final class TlsStores {

    private TlsStores() {
    }

    /** Key managers holding the private key and certificate chain of this end. */
    public static KeyManagerFactory keyManagers(Path file, String password) {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(load(file, password), chars(password));
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot use the key store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Trust managers that accept the certificates in this store. */
    public static TrustManagerFactory trustManagers(Path file, String password) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(load(file, password));
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot use the trust store " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, String password) {
        String type = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, chars(password));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read the " + type + " store " + file.toAbsolutePath()
                    + " (wrong path or password?): " + e.getMessage(), e);
        }
    }

    private static char[] chars(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }
}
