package dev.tern.jms.provider;

import dev.tern.protocol.ErrorCode;

/**
 * The link to the broker was lost before a command was answered. Whether the broker executed the
 * command is unknown if the command may have left before the loss ({@link #mayHaveReachedBroker()});
 * a command made after the loss was known never left the client.
 */
public final class LinkLostException extends ProviderException {

    private static final long serialVersionUID = 1L;

    private final boolean mayHaveReachedBroker;

    /** A loss that fails the commands in flight: they may have reached the broker. */
    public LinkLostException(ErrorCode code, String message) {
        this(code, message, true);
    }

    private LinkLostException(ErrorCode code, String message, boolean mayHaveReachedBroker) {
        super(code, message);
        this.mayHaveReachedBroker = mayHaveReachedBroker;
    }

    /** A loss known before a command was sent: the command never reached the broker. */
    public static LinkLostException beforeSending(ErrorCode code, String message) {
        return new LinkLostException(code, message, false);
    }

    /** The same loss as seen by a command made after it. */
    public LinkLostException beforeSending() {
        return beforeSending(code(), getMessage());
    }

    /** False if the command surely never left the client; true if it may have been executed. */
    public boolean mayHaveReachedBroker() {
        return mayHaveReachedBroker;
    }
}
