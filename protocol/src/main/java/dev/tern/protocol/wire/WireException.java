package dev.tern.protocol.wire;

/** Bytes from the peer that break the {@link WireFormat}; the connection that sent them is closed. */
public class WireException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WireException(String message) {
        super(message);
    }

    public WireException(String message, Throwable cause) {
        super(message, cause);
    }
}
