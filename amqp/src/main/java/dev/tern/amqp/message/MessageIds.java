package dev.tern.amqp.message;

import java.util.HexFormat;
import java.util.UUID;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.UnsignedLong;

/**
 * JMSMessageID and JMSCorrelationID strings and the AMQP message-id / correlation-id values, by the
 * convention Qpid JMS uses, so that ids survive a trip through JMS in either direction.
 *
 * <p>A JMS id string is {@code ID:} followed by either a plain text or an encoding prefix that records
 * the AMQP type of the id: {@code AMQP_UUID:}, {@code AMQP_ULONG:}, {@code AMQP_BINARY:} (upper-case hex),
 * {@code AMQP_STRING:} (a string that itself looks like an encoded id) or {@code AMQP_NO_PREFIX:} (a string
 * message-id that had no {@code ID:} prefix). A correlation-id string without {@code ID:} is an
 * application-specific value and passes unchanged both ways.
 */
final class MessageIds {

    private static final String ID = "ID:";
    private static final String UUID_PREFIX = "AMQP_UUID:";
    private static final String ULONG_PREFIX = "AMQP_ULONG:";
    private static final String BINARY_PREFIX = "AMQP_BINARY:";
    private static final String STRING_PREFIX = "AMQP_STRING:";
    private static final String NO_PREFIX = "AMQP_NO_PREFIX:";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private MessageIds() {
    }

    /** The JMSMessageID of an AMQP message-id (string, ulong, uuid or binary); null for null. */
    static String messageIdString(Object id) {
        if (id instanceof String text && !text.startsWith(ID)) {
            return ID + NO_PREFIX + text;
        }
        return idString(id);
    }

    /** The JMSCorrelationID of an AMQP correlation-id; a string without {@code ID:} stays as it is. */
    static String correlationIdString(Object id) {
        if (id instanceof String text && !text.startsWith(ID)) {
            return text;
        }
        return idString(id);
    }

    private static String idString(Object id) {
        if (id == null) {
            return null;
        }
        if (id instanceof String text) {
            return hasEncodingPrefix(text) ? ID + STRING_PREFIX + text : text;
        }
        if (id instanceof UUID uuid) {
            return ID + UUID_PREFIX + uuid;
        }
        if (id instanceof UnsignedLong ulong) {
            return ID + ULONG_PREFIX + ulong;
        }
        if (id instanceof Binary binary) {
            return ID + BINARY_PREFIX + HEX.formatHex(binary.getArray(), binary.getArrayOffset(),
                    binary.getArrayOffset() + binary.getLength());
        }
        throw new AmqpMappingException(AmqpMappingException.INVALID_FIELD,
                "a message or correlation id of AMQP type " + id.getClass().getSimpleName()
                        + " (only string, ulong, uuid and binary are allowed)", null);
    }

    /** True if the text after {@code ID:} starts with one of the encoding prefixes. */
    private static boolean hasEncodingPrefix(String text) {
        return text.startsWith(UUID_PREFIX, ID.length()) || text.startsWith(ULONG_PREFIX, ID.length())
                || text.startsWith(BINARY_PREFIX, ID.length()) || text.startsWith(STRING_PREFIX, ID.length())
                || text.startsWith(NO_PREFIX, ID.length());
    }

    /**
     * The AMQP id value of a JMS id string: an encoded id becomes its AMQP type again, any other
     * string passes as a string (including its {@code ID:}). A malformed encoded id passes as a string.
     */
    static Object idObject(String jmsId) {
        if (jmsId == null || !jmsId.startsWith(ID)) {
            return jmsId;
        }
        int at = ID.length();
        try {
            if (jmsId.startsWith(NO_PREFIX, at)) {
                return jmsId.substring(at + NO_PREFIX.length());
            } else if (jmsId.startsWith(STRING_PREFIX, at)) {
                return jmsId.substring(at + STRING_PREFIX.length());
            } else if (jmsId.startsWith(UUID_PREFIX, at)) {
                return UUID.fromString(jmsId.substring(at + UUID_PREFIX.length()));
            } else if (jmsId.startsWith(ULONG_PREFIX, at)) {
                return UnsignedLong.valueOf(jmsId.substring(at + ULONG_PREFIX.length()));
            } else if (jmsId.startsWith(BINARY_PREFIX, at)) {
                return new Binary(HEX.parseHex(jmsId.substring(at + BINARY_PREFIX.length())));
            }
        } catch (IllegalArgumentException e) {
            return jmsId;
        }
        return jmsId;
    }
}
