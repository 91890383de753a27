package dev.tern.amqp.message;

/**
 * An AMQP message that cannot be decoded or cannot be mapped to a JMS message. The protocol head rejects
 * the delivery with {@link #condition()} and this exception's message as the error description.
 */
public final class AmqpMappingException extends RuntimeException {

    /** The AMQP error condition for a message whose bytes cannot be decoded. */
    public static final String DECODE_ERROR = "amqp:decode-error";

    /** The AMQP error condition for a message that decodes but breaks a rule of the mapping. */
    public static final String INVALID_FIELD = "amqp:invalid-field";

    private final String condition;

    /** A decode error ({@value #DECODE_ERROR}). */
    public AmqpMappingException(String message) {
        this(DECODE_ERROR, message, null);
    }

    /** A decode error ({@value #DECODE_ERROR}) caused by another exception. */
    public AmqpMappingException(String message, Throwable cause) {
        this(DECODE_ERROR, message, cause);
    }

    /** An error with the given AMQP error condition symbol, such as {@value #INVALID_FIELD}. */
    public AmqpMappingException(String condition, String message, Throwable cause) {
        super(message, cause);
        this.condition = condition == null ? DECODE_ERROR : condition;
    }

    /** The AMQP error condition symbol to reject the delivery with, {@value #DECODE_ERROR} unless told otherwise. */
    public String condition() {
        return condition;
    }
}
