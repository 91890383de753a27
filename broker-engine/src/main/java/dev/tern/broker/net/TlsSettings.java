package dev.tern.broker.net;

import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS for a broker's socket: its own key and certificate, and optionally the certificates it trusts
 * in clients that must present one.
 *
 * @param keyStore PKCS12 (or {@code .jks}) file with the broker's private key and certificate
 * @param keyStorePassword its password, also the key's
 * @param trustStore certificates of trusted clients, or null to trust the JDK's default authorities
 * @param trustStorePassword its password, or null
 * @param clientAuthRequired true to refuse clients without a trusted certificate
 */
public record TlsSettings(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword,
        boolean clientAuthRequired) {

    public TlsSettings {
        Objects.requireNonNull(keyStore, "keyStore");
    }

    /** The broker presents this key store's certificate; clients need not present one. */
    public static TlsSettings withKeyStore(Path keyStore, String password) {
        return new TlsSettings(keyStore, password, null, null, false);
    }

    /** Clients must present a certificate this trust store vouches for. */
    public TlsSettings requiringClientsTrustedBy(Path newTrustStore, String password) {
        return new TlsSettings(keyStore, keyStorePassword, newTrustStore, password, true);
    }
}
