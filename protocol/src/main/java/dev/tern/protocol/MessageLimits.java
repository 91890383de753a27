package dev.tern.protocol;

/**
 * What one message may carry, checked by {@link MessageCodec#read(java.io.DataInput, MessageLimits)} as it
 * reads, so that a message beyond them is refused before the excess is decoded. The broker reads every
 * message a client sends over {@code tcp://} with its limits; the names in the refusals are the broker's
 * settings.
 *
 * @param maxProperties the most properties (the count is checked before any property is read)
 * @param maxHeaderSize the most bytes of the encoded headers and properties, everything before the body
 *     (checked after the headers and after each property)
 * @param maxBodySize the most bytes of the body (checked before the body is read)
 */
public record MessageLimits(int maxProperties, int maxHeaderSize, int maxBodySize) {

    /**
     * 4,096 properties, 1 MiB of headers and properties, 16 MiB of body: far above what applications put
     * in a message, far below what would let one message fill a heap.
     */
    public static final MessageLimits DEFAULT = new MessageLimits(4_096, 1024 * 1024, 16 * 1024 * 1024);

    /** No limits: for messages this process wrote itself, such as the journal's. */
    public static final MessageLimits NONE = new MessageLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    public MessageLimits {
        positive("maxMessageProperties", maxProperties);
        positive("maxMessageHeaderSize", maxHeaderSize);
        positive("maxMessageBodySize", maxBodySize);
    }

    private static void positive(String setting, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be positive, was " + value);
        }
    }

    public MessageLimits withMaxProperties(int value) {
        return new MessageLimits(value, maxHeaderSize, maxBodySize);
    }

    public MessageLimits withMaxHeaderSize(int value) {
        return new MessageLimits(maxProperties, value, maxBodySize);
    }

    public MessageLimits withMaxBodySize(int value) {
        return new MessageLimits(maxProperties, maxHeaderSize, value);
    }

    void checkProperties(int count) throws MessageTooLargeException {
        if (count > maxProperties) {
            throw new MessageTooLargeException("The message has " + count
                    + " properties, more than this broker's maxMessageProperties of " + maxProperties + ".");
        }
    }

    void checkHeaderSize(long bytes) throws MessageTooLargeException {
        if (bytes > maxHeaderSize) {
            throw new MessageTooLargeException("The message's headers and properties take more than this broker's "
                    + "maxMessageHeaderSize of " + maxHeaderSize + " bytes.");
        }
    }

    void checkBodySize(int bytes) throws MessageTooLargeException {
        if (bytes > maxBodySize) {
            throw new MessageTooLargeException("The message's body of " + bytes
                    + " bytes exceeds this broker's maxMessageBodySize of " + maxBodySize + " bytes.");
        }
    }
}
