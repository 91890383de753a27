package dev.tern.jms.provider;

import dev.tern.protocol.wire.WireFormat;

/**
 * How a {@link NettyProvider} connects.
 *
 * @param connectTimeoutMillis how long connecting and the handshake may take
 * @param idleTimeoutMillis the client closes the connection when the broker sends nothing, not even a
 *     heartbeat, for this long; the broker learns it in the handshake and sends heartbeats at a third of it.
 *     Below {@value dev.tern.protocol.wire.WireFormat#MIN_IDLE_TIMEOUT_MILLIS} ms (but not 0, never) it is
 *     treated as that minimum, and so is a broker's.
 * @param maxFrameSize the largest frame sent or accepted, in bytes
 * @param tls TLS settings for {@code ssl://}, or null for plain TCP
 */
public record TcpClientSettings(long connectTimeoutMillis, int idleTimeoutMillis, int maxFrameSize, TlsClientSettings tls) {

    public static final int DEFAULT_IDLE_TIMEOUT_MILLIS = 30_000;

    public TcpClientSettings {
        if (connectTimeoutMillis < 1 || idleTimeoutMillis < 0 || maxFrameSize < 1) {
            throw new IllegalArgumentException("invalid TCP client settings " + connectTimeoutMillis + ", "
                    + idleTimeoutMillis + ", " + maxFrameSize);
        }
    }

    /** Default idle timeout and frame size, with this connect timeout. */
    public static TcpClientSettings withConnectTimeout(long connectTimeoutMillis) {
        return new TcpClientSettings(connectTimeoutMillis, DEFAULT_IDLE_TIMEOUT_MILLIS, WireFormat.DEFAULT_MAX_FRAME_SIZE, null);
    }

    /** These settings over TLS; null for plain TCP. */
    public TcpClientSettings withTls(TlsClientSettings newTls) {
        return new TcpClientSettings(connectTimeoutMillis, idleTimeoutMillis, maxFrameSize, newTls);
    }
}
