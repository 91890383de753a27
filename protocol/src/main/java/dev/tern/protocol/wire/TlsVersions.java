package dev.tern.protocol.wire;

import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The TLS protocol versions and cipher suites an end offers, on the broker and the client alike: TLS 1.3 and
 * 1.2 unless configured otherwise, never anything older, and only names the JDK knows, so that a typo fails
 * at start-up naming the option rather than as a handshake that never agrees.
 */
public final class TlsVersions {

    /** What both ends offer unless told otherwise. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final Set<String> ALLOWED_PROTOCOLS = Set.copyOf(DEFAULT_PROTOCOLS);

    private TlsVersions() {
    }

    /**
     * The protocols of a comma-separated list, or the defaults for null or blank.
     *
     * @param option the option's name, for the error
     * @throws IllegalArgumentException for a protocol older than TLS 1.2 or unknown
     */
    public static List<String> protocols(String commaSeparated, String option) {
        List<String> protocols = split(commaSeparated);
        if (protocols.isEmpty()) {
            return DEFAULT_PROTOCOLS;
        }
        for (String protocol : protocols) {
            if (!ALLOWED_PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException(option + " may list TLSv1.3 and TLSv1.2, was '" + protocol + "'"
                        + (protocol.startsWith("TLSv1") || protocol.startsWith("SSL") ? ": older versions are not safe." : "."));
            }
        }
        return protocols;
    }

    /**
     * The cipher suites of a comma-separated list, or null (the JDK's defaults) for null or blank.
     *
     * @param option the option's name, for the error
     * @throws IllegalArgumentException for a suite the JDK does not support
     */
    public static List<String> cipherSuites(String commaSeparated, String option) {
        List<String> suites = split(commaSeparated);
        if (suites.isEmpty()) {
            return null;
        }
        Set<String> supported = supportedCipherSuites();
        for (String suite : suites) {
            if (!supported.contains(suite)) {
                throw new IllegalArgumentException(option + " names '" + suite + "', which this JDK does not support.");
            }
        }
        return suites;
    }

    private static Set<String> supportedCipherSuites() {
        try {
            return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JDK has no TLS: " + e.getMessage(), e);
        }
    }

    private static List<String> split(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
