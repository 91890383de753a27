package dev.tern.broker.xa;

/**
 * An XA call the broker refuses, with the {@code javax.transaction.xa.XAException} error code the
 * transaction manager is to see.
 */
public final class XaException extends RuntimeException {

    private final int code;

    public XaException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** An {@code XAException} error code, such as {@code XAER_NOTA} or {@code XA_RBROLLBACK}. */
    public int code() {
        return code;
    }
}
