package dev.tern.broker.net;

import dev.tern.protocol.wire.TlsVersions;
import java.nio.file.Path;
import java.util.List;
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
 * @param protocols the TLS versions offered (see {@link TlsVersions}: TLS 1.3 and 1.2 by default)
 * @param cipherSuites the cipher suites offered, or null for the JDK's defaults
 */
public record TlsSettings(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword,
        boolean clientAuthRequired, List<String> protocols, List<String> cipherSuites) {

    public TlsSettings {
        Objects.requireNonNull(keyStore, "keyStore");
        protocols = protocols == null ? TlsVersions.DEFAULT_PROTOCOLS : List.copyOf(protocols);
        cipherSuites = cipherSuites == null ? null : List.copyOf(cipherSuites);
    }

    /** The broker presents this key store's certificate; clients need not present one. */
    public static TlsSettings withKeyStore(Path keyStore, String password) {
        return new TlsSettings(keyStore, password, null, null, false, null, null);
    }

    /** Clients must present a certificate this trust store vouches for. */
    public TlsSettings requiringClientsTrustedBy(Path newTrustStore, String password) {
        return new TlsSettings(keyStore, keyStorePassword, newTrustStore, password, true, protocols, cipherSuites);
    }

    /** Offers only these TLS versions and cipher suites (null for the JDK's default suites). */
    public TlsSettings offering(List<String> newProtocols, List<String> newCipherSuites) {
        return new TlsSettings(keyStore, keyStorePassword, trustStore, trustStorePassword, clientAuthRequired,
                newProtocols, newCipherSuites);
    }
}
