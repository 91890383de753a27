package dev.tern.protocol;

/**
 * A well-formed message that carries more than the reader's {@link MessageLimits} allow; the message
 * says which limit and names its setting. The reader stopped before decoding the excess.
 */
public final class MessageTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MessageTooLargeException(String message) {
        super(message);
    }
}
