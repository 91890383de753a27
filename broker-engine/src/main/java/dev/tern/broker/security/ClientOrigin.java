package dev.tern.broker.security;

import java.util.Objects;
import javax.security.auth.x500.X500Principal;

/**
 * Where a connection comes from, as far as the broker can tell: the client's address and, over TLS with
 * client certificates, the subject of the certificate the client proved it holds.
 *
 * @param address the remote address ({@code /10.1.2.3:45678}), or {@value AuditLog#IN_JVM}
 * @param certificate the subject of the client's verified certificate, or null
 */
public record ClientOrigin(String address, X500Principal certificate) {

    /** A client in the broker's own JVM. */
    public static final ClientOrigin IN_JVM = new ClientOrigin(AuditLog.IN_JVM, null);

    public ClientOrigin {
        Objects.requireNonNull(address, "address");
    }

    /** A client at an address, without a certificate. */
    public static ClientOrigin at(String address) {
        return new ClientOrigin(address, null);
    }
}
