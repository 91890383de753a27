package dev.tern.jms.provider;

import dev.tern.protocol.wire.TlsVersions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TLS for an {@code ssl://} connection, from the URL's {@code jms.*} TLS options.
 *
 * @param trustStore certificates the client trusts in brokers, or null for the JDK's default authorities
 * @param trustStorePassword its password, or null
 * @param keyStore the client's own key and certificate, for brokers that require one; or null
 * @param keyStorePassword its password, or null
 * @param verifyHostName true to check that the broker's certificate names the host connected to
 *     ({@code jms.verifyHostName}, or {@code jms.verifyHost} as Artemis names it)
 * @param protocols the TLS versions offered ({@code jms.tlsProtocols}; TLS 1.3 and 1.2 by default)
 * @param cipherSuites the cipher suites offered ({@code jms.tlsCipherSuites}), or null for the JDK's defaults
 */
public record TlsClientSettings(Path trustStore, String trustStorePassword, Path keyStore, String keyStorePassword,
        boolean verifyHostName, List<String> protocols, List<String> cipherSuites) {

    /** The {@code jms.*} option names, without the prefix, that configure TLS. */
    public static final Set<String> OPTIONS = Set.of("trustStore", "trustStorePassword", "keyStore", "keyStorePassword",
            "verifyHostName", "verifyHost", "tlsProtocols", "tlsCipherSuites");

    /** The JDK's trusted authorities, no client certificate, host name verified. */
    public static TlsClientSettings defaults() {
        return new TlsClientSettings(null, null, null, null, true, TlsVersions.DEFAULT_PROTOCOLS, null);
    }

    /**
     * Settings from URL options; options not in {@link #OPTIONS} are ignored.
     *
     * @throws IllegalArgumentException for a bad value
     */
    public static TlsClientSettings from(Map<String, String> options) {
        String verify = options.getOrDefault("verifyHostName", options.getOrDefault("verifyHost", "true"));
        if (!verify.equalsIgnoreCase("true") && !verify.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("jms.verifyHostName must be true or false, was '" + verify + "'.");
        }
        String alias = options.get("verifyHost");
        if (alias != null && !alias.equalsIgnoreCase(verify)) {
            throw new IllegalArgumentException("jms.verifyHost (" + alias + ") and jms.verifyHostName (" + verify
                    + ") say different things; give one of them.");
        }
        return new TlsClientSettings(path(options.get("trustStore")), options.get("trustStorePassword"),
                path(options.get("keyStore")), options.get("keyStorePassword"), Boolean.parseBoolean(verify),
                TlsVersions.protocols(options.get("tlsProtocols"), "jms.tlsProtocols"),
                TlsVersions.cipherSuites(options.get("tlsCipherSuites"), "jms.tlsCipherSuites"));
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value);
    }
}
