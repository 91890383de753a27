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

    /** The wire exception in a failure's cause chain, such as inside a Netty codec exception, or null. */
    public static WireException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WireException wire) {
                return wire;
            }
        }
        return null;
    }
}
