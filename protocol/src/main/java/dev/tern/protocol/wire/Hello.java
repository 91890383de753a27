package dev.tern.protocol.wire;

/**
 * The handshake each side sends first; see {@link WireFormat}.
 *
 * @param version the protocol version the sender speaks
 * @param idleTimeoutMillis after this long without a byte from the peer the sender closes the
 *     connection; the peer sends heartbeats at a third of it. 0 means the sender never closes. Either
 *     side treats a value below {@link WireFormat#MIN_IDLE_TIMEOUT_MILLIS} as that minimum.
 */
public record Hello(int version, int idleTimeoutMillis) {

    public Hello {
        if (idleTimeoutMillis < 0) {
            throw new IllegalArgumentException("negative idle timeout " + idleTimeoutMillis);
        }
    }

    /**
     * A hello for this code's protocol version, advertising the idle timeout this side acts on: below
     * {@link WireFormat#MIN_IDLE_TIMEOUT_MILLIS}, that minimum.
     */
    public static Hello current(int idleTimeoutMillis) {
        return new Hello(WireFormat.VERSION, HeartbeatHandler.honoured(idleTimeoutMillis));
    }

    public boolean isCurrentVersion() {
        return version == WireFormat.VERSION;
    }
}
