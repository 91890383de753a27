package dev.tern.broker.net;

import dev.tern.protocol.MessageLimits;
import dev.tern.protocol.wire.WireFormat;
import java.util.Objects;

/**
 * How a broker listens on {@code tcp://}.
 *
 * @param host the address to bind; {@code 0.0.0.0} for every interface
 * @param port the port; 0 picks a free one, which {@link TcpAcceptor#port()} then tells
 * @param idleTimeoutMillis a client that sends nothing, not even a heartbeat, for this long is
 *     disconnected; clients learn it in the handshake and send heartbeats at a third of it. 0 never disconnects;
 *     1 to 999 ms are treated as {@value dev.tern.protocol.wire.WireFormat#MIN_IDLE_TIMEOUT_MILLIS} ms, as is a
 *     client's idle timeout below that, so no client can ask for more than three heartbeats a second.
 * @param maxFrameSize the largest frame accepted or sent, in bytes
 * @param messageLimits what one message sent by a client may carry (properties, bytes of headers and
 *     properties, bytes of body); a Send beyond them fails with a RESOURCE_ALLOCATION error naming the
 *     limit, before the excess is decoded, and the connection stays open
 * @param maxInFlightFrameBytes bytes of frames being received at once, over every socket; a socket whose
 *     next frame would exceed them stops reading until others' frames are decoded
 * @param tls TLS for every socket of this port, or null for plain TCP
 */
public record TcpSettings(String host, int port, int idleTimeoutMillis, int maxFrameSize, MessageLimits messageLimits,
        long maxInFlightFrameBytes, TlsSettings tls) {

    /** The port a broker listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 61616;
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_IDLE_TIMEOUT_MILLIS = 30_000;
    /** 64 MiB: four frames of the default maximum size at once. */
    public static final long DEFAULT_MAX_IN_FLIGHT_FRAME_BYTES = 64L * 1024 * 1024;

    public TcpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(messageLimits, "messageLimits");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("TCP port must be 0..65535, was " + port);
        }
        if (idleTimeoutMillis < 0) {
            throw new IllegalArgumentException("idle timeout must not be negative, was " + idleTimeoutMillis);
        }
        if (maxFrameSize < 1024) {
            throw new IllegalArgumentException("maximum frame size must be at least 1024 bytes, was " + maxFrameSize);
        }
        if (maxInFlightFrameBytes < 1) {
            throw new IllegalArgumentException("maxInFlightFrameBytes must be positive, was " + maxInFlightFrameBytes);
        }
    }

    /** Every interface, the given port, default timeouts, frame size, message limits and budget of frames in flight. */
    public static TcpSettings onPort(int port) {
        return new TcpSettings(DEFAULT_HOST, port, DEFAULT_IDLE_TIMEOUT_MILLIS, WireFormat.DEFAULT_MAX_FRAME_SIZE,
                MessageLimits.DEFAULT, DEFAULT_MAX_IN_FLIGHT_FRAME_BYTES, null);
    }

    public TcpSettings withHost(String newHost) {
        return new TcpSettings(newHost, port, idleTimeoutMillis, maxFrameSize, messageLimits, maxInFlightFrameBytes, tls);
    }

    /** These settings on another port, as another protocol's port shares the address, limits and TLS. */
    public TcpSettings withPort(int newPort) {
        return new TcpSettings(host, newPort, idleTimeoutMillis, maxFrameSize, messageLimits, maxInFlightFrameBytes, tls);
    }

    public TcpSettings withIdleTimeoutMillis(int newIdleTimeoutMillis) {
        return new TcpSettings(host, port, newIdleTimeoutMillis, maxFrameSize, messageLimits, maxInFlightFrameBytes, tls);
    }

    public TcpSettings withMaxFrameSize(int newMaxFrameSize) {
        return new TcpSettings(host, port, idleTimeoutMillis, newMaxFrameSize, messageLimits, maxInFlightFrameBytes, tls);
    }

    /** Limits what one message may carry, for example {@code MessageLimits.DEFAULT.withMaxProperties(100)}. */
    public TcpSettings withMessageLimits(MessageLimits newMessageLimits) {
        return new TcpSettings(host, port, idleTimeoutMillis, maxFrameSize, newMessageLimits, maxInFlightFrameBytes, tls);
    }

    public TcpSettings withMaxInFlightFrameBytes(long newMaxInFlightFrameBytes) {
        return new TcpSettings(host, port, idleTimeoutMillis, maxFrameSize, messageLimits, newMaxInFlightFrameBytes, tls);
    }

    /** Serves TLS with these settings on this port; null for plain TCP. */
    public TcpSettings withTls(TlsSettings newTls) {
        return new TcpSettings(host, port, idleTimeoutMillis, maxFrameSize, messageLimits, maxInFlightFrameBytes, newTls);
    }

    /** {@code ssl} or {@code tcp}: the scheme of the URLs that reach this port. */
    public String scheme() {
        return tls == null ? "tcp" : "ssl";
    }
}
