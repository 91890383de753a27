package dev.tern.amqp.message;

import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.TernProperties;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedByte;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.amqp.messaging.Section;

/**
 * Converts between AMQP 1.0 messages and the broker's MessageRecord, following the AMQP JMS Mapping and
 * the conventions of Qpid JMS. {@code docs/amqp-mapping.md} has the table of fields and the decisions.
 * Stateless and thread-safe.
 */
public final class AmqpMessageMapping {

    static final Symbol MSG_TYPE = Symbol.valueOf("x-opt-jms-msg-type");
    static final Symbol DEST_TYPE = Symbol.valueOf("x-opt-jms-dest");
    static final Symbol REPLY_TO_TYPE = Symbol.valueOf("x-opt-jms-reply-to");
    static final Symbol DELIVERY_TIME = Symbol.valueOf("x-opt-delivery-time");
    static final Symbol DELIVERY_DELAY = Symbol.valueOf("x-opt-delivery-delay");
    /** Broker bookkeeping properties ({@code _TERN_*}) travel as annotations with this prefix. */
    static final String TERN_ANNOTATION_PREFIX = "x-opt-tern-";

    static final String GROUP_ID = "JMSXGroupID";
    static final String GROUP_SEQ = "JMSXGroupSeq";
    static final String USER_ID = "JMSXUserID";
    static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private static final int DEFAULT_PRIORITY = 4;
    private static final long UINT_MAX = 0xFFFF_FFFFL;
    private static final Pattern TERN_SUFFIX = Pattern.compile("[A-Z0-9_]+");
    private static final Pattern TERN_ANNOTATION_SUFFIX = Pattern.compile("[a-z0-9-]+");

    private AmqpMessageMapping() {
    }

    /**
     * Decodes a message received from an AMQP sender (the encoded sections of one transfer, possibly several
     * frames joined). Reads no byte outside {@code [offset, offset + length)} and allocates no more than
     * those bytes justify.
     *
     * @param target where the link sends to, or null for an anonymous-relay link (then the message's {@code to} decides)
     * @param newMessageId supplies a JMSMessageID ("ID:...") when the message carries no message-id
     * @param nowMillis the broker clock, for TTL to expiration and timestamp defaults
     * @throws AmqpMappingException if it cannot be decoded or mapped (the head rejects the delivery with
     *         {@link AmqpMappingException#condition()})
     */
    public static MessageRecord toRecord(byte[] encoded, int offset, int length, DestinationName target,
                                         Supplier<String> newMessageId, long nowMillis) {
        SectionCodec.Sections sections = SectionCodec.decode(encoded, offset, length);
        try {
            return toRecord(sections, target, newMessageId, nowMillis);
        } catch (AmqpMappingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AmqpMappingException(AmqpMappingException.INVALID_FIELD, "unmappable AMQP message: " + e, e);
        }
    }

    private static MessageRecord toRecord(SectionCodec.Sections sections, DestinationName target,
                                          Supplier<String> newMessageId, long nowMillis) {
        Header header = sections.header() == null ? new Header() : sections.header();
        Properties props = sections.properties() == null ? new Properties() : sections.properties();
        Map<Symbol, Object> annotations = annotations(sections.annotations());

        DestinationName destination = target;
        if (destination == null) {
            if (props.getTo() == null) {
                throw new AmqpMappingException(AmqpMappingException.INVALID_FIELD,
                        "a message on an anonymous link needs a 'to' address", null);
            }
            destination = AmqpAddresses.fromAddress(props.getTo(), destinationType(annotations.get(DEST_TYPE)));
        }
        DestinationName replyTo = null;
        if (props.getReplyTo() != null && !props.getReplyTo().isEmpty()) {
            replyTo = AmqpAddresses.fromAddress(props.getReplyTo(), destinationType(annotations.get(REPLY_TO_TYPE)));
        }
        String messageId = props.getMessageId() == null
                ? newMessageId.get() : MessageIds.messageIdString(props.getMessageId());
        String correlationId = MessageIds.correlationIdString(props.getCorrelationId());

        boolean persistent = Boolean.TRUE.equals(header.getDurable());
        int priority = header.getPriority() == null ? DEFAULT_PRIORITY : Math.min(9, header.getPriority().intValue());
        long timestamp = props.getCreationTime() != null && props.getCreationTime().getTime() != 0
                ? props.getCreationTime().getTime() : nowMillis;
        long expiration = 0;
        if (props.getAbsoluteExpiryTime() != null && props.getAbsoluteExpiryTime().getTime() != 0) {
            expiration = props.getAbsoluteExpiryTime().getTime();
        } else if (header.getTtl() != null && header.getTtl().longValue() != 0) {
            expiration = nowMillis + header.getTtl().longValue();
        }
        long deliveryTime = deliveryTime(annotations, timestamp, nowMillis);

        Map<String, Object> properties = applicationProperties(sections.applicationProperties());
        if (props.getGroupId() != null) {
            properties.put(GROUP_ID, props.getGroupId());
        }
        if (props.getGroupSequence() != null) {
            properties.put(GROUP_SEQ, props.getGroupSequence().intValue());
        }
        if (props.getUserId() != null && props.getUserId().getLength() > 0) {
            Binary user = props.getUserId();
            properties.put(USER_ID, new String(user.getArray(), user.getArrayOffset(), user.getLength(),
                    StandardCharsets.UTF_8));
        }
        annotations.forEach((key, value) -> {
            String name = key.toString();
            if (name.startsWith(TERN_ANNOTATION_PREFIX)) {
                String suffix = name.substring(TERN_ANNOTATION_PREFIX.length());
                Object converted = AmqpValues.toPropertyValue(value);
                if (TERN_ANNOTATION_SUFFIX.matcher(suffix).matches() && converted != AmqpValues.UNREPRESENTABLE) {
                    properties.put(TernProperties.PREFIX + suffix.replace('-', '_').toUpperCase(Locale.ROOT), converted);
                }
            }
        });

        AmqpBodies.Body body = AmqpBodies.decode(sections.body(), messageType(annotations.get(MSG_TYPE)),
                props.getContentType());
        return new MessageRecord(messageId, destination, timestamp, correlationId, replyTo, props.getSubject(),
                persistent, priority, expiration, deliveryTime, properties, body.type(), body.bytes());
    }

    private static Map<Symbol, Object> annotations(MessageAnnotations section) {
        Map<Symbol, Object> result = new LinkedHashMap<>();
        if (section != null && section.getValue() != null) {
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) section.getValue()).entrySet()) {
                if (entry.getKey() instanceof Symbol key) {
                    result.put(key, entry.getValue());
                }
            }
        }
        return result;
    }

    /** The destination type an x-opt-jms-dest / x-opt-jms-reply-to value names; null if absent or not understood. */
    private static DestinationType destinationType(Object annotation) {
        if (annotation instanceof Number n && n.longValue() >= 0 && n.longValue() <= 3) {
            return AmqpAddresses.typeOf(n.byteValue());
        }
        return null;
    }

    /** The x-opt-jms-msg-type value; null if absent or not one of 0 to 5 (then the body decides). */
    private static Byte messageType(Object annotation) {
        if (annotation instanceof Number n && n.longValue() >= 0 && n.longValue() <= 5) {
            return n.byteValue();
        }
        return null;
    }

    /**
     * x-opt-delivery-time (epoch ms) if present, else now plus x-opt-delivery-delay; else the creation time
     * (as Qpid JMS reports it) but never later than now, so that a sender's fast clock delays nothing.
     */
    private static long deliveryTime(Map<Symbol, Object> annotations, long timestamp, long nowMillis) {
        Object time = annotations.get(DELIVERY_TIME);
        if (time instanceof Number n && n.longValue() > 0) {
            return n.longValue();
        }
        if (time instanceof Date d && d.getTime() > 0) {
            return d.getTime();
        }
        Object delay = annotations.get(DELIVERY_DELAY);
        if (delay instanceof Number n && n.longValue() > 0) {
            return nowMillis + n.longValue();
        }
        return Math.min(timestamp, nowMillis);
    }

    private static Map<String, Object> applicationProperties(ApplicationProperties section) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (section == null || section.getValue() == null) {
            return properties;
        }
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) section.getValue()).entrySet()) {
            if (!(entry.getKey() instanceof String name) || name.equals(DELIVERY_COUNT)) {
                continue;
            }
            Object value = AmqpValues.toPropertyValue(entry.getValue());
            if (value != AmqpValues.UNREPRESENTABLE && value != null) {
                properties.put(name, value);
            }
        }
        return properties;
    }

    /**
     * Encodes a broker message for a transfer to an AMQP receiver, reading the clock for the header's ttl.
     *
     * @param deliveryCount as in {@code Event.Deliver}: 1 on a first delivery; the header's delivery-count is one less
     */
    public static byte[] toAmqp(MessageRecord record, int deliveryCount) {
        return toAmqp(record, deliveryCount, System.currentTimeMillis());
    }

    /**
     * Encodes a broker message for a transfer to an AMQP receiver.
     *
     * @param deliveryCount as in {@code Event.Deliver}: 1 on a first delivery; the header's delivery-count is one less
     * @param nowMillis the broker clock: the header's ttl is the time left until the message's expiration
     */
    public static byte[] toAmqp(MessageRecord record, int deliveryCount, long nowMillis) {
        Header header = header(record, deliveryCount, nowMillis);
        Map<Symbol, Object> annotations = new LinkedHashMap<>();
        annotations.put(MSG_TYPE, AmqpBodies.annotation(record.bodyType()));
        annotations.put(DEST_TYPE, AmqpAddresses.typeAnnotation(record.destination().type()));
        if (record.replyTo() != null) {
            annotations.put(REPLY_TO_TYPE, AmqpAddresses.typeAnnotation(record.replyTo().type()));
        }
        if (record.deliveryTime() != 0 && record.deliveryTime() != record.timestamp()) {
            annotations.put(DELIVERY_TIME, record.deliveryTime());
        }

        Properties props = new Properties();
        props.setMessageId(MessageIds.idObject(record.messageId()));
        props.setTo(AmqpAddresses.toAddress(record.destination()));
        props.setSubject(record.type());
        if (record.replyTo() != null) {
            props.setReplyTo(AmqpAddresses.toAddress(record.replyTo()));
        }
        props.setCorrelationId(MessageIds.idObject(record.correlationId()));
        props.setContentType(AmqpBodies.contentType(record.bodyType()));
        if (record.timestamp() != 0) {
            props.setCreationTime(new Date(record.timestamp()));
        }
        if (record.expiration() != 0) {
            props.setAbsoluteExpiryTime(new Date(record.expiration()));
        }

        Map<String, Object> applicationProperties = new LinkedHashMap<>();
        record.properties().forEach((name, value) -> {
            if (name.equals(GROUP_ID) && value instanceof String group) {
                props.setGroupId(group);
            } else if (name.equals(GROUP_SEQ) && value instanceof Integer sequence) {
                props.setGroupSequence(UnsignedInteger.valueOf(sequence));
            } else if (name.equals(USER_ID) && value instanceof String user) {
                props.setUserId(new Binary(user.getBytes(StandardCharsets.UTF_8)));
            } else if (name.startsWith(TernProperties.PREFIX)) {
                String suffix = name.substring(TernProperties.PREFIX.length());
                if (TERN_SUFFIX.matcher(suffix).matches() && value != null) {
                    annotations.put(Symbol.valueOf(TERN_ANNOTATION_PREFIX
                            + suffix.replace('_', '-').toLowerCase(Locale.ROOT)), value);
                }
            } else if (!name.equals(DELIVERY_COUNT) && value != null) {
                applicationProperties.put(name, value instanceof byte[] bytes ? new Binary(bytes) : value);
            }
        });

        Section body = AmqpBodies.encode(record.bodyType(), record.body());
        return SectionCodec.encode(record.bodySize(), header, new MessageAnnotations(annotations), props,
                applicationProperties.isEmpty() ? null : new ApplicationProperties(applicationProperties), body);
    }

    /** The header, or null when every field has its default value. */
    private static Header header(MessageRecord record, int deliveryCount, long nowMillis) {
        Header header = new Header();
        boolean any = false;
        if (record.persistent()) {
            header.setDurable(true);
            any = true;
        }
        if (record.priority() != DEFAULT_PRIORITY) {
            header.setPriority(UnsignedByte.valueOf((byte) record.priority()));
            any = true;
        }
        if (record.expiration() != 0 && record.expiration() > nowMillis) {
            header.setTtl(UnsignedInteger.valueOf(Math.min(UINT_MAX, record.expiration() - nowMillis)));
            any = true;
        }
        if (deliveryCount > 1) {
            header.setDeliveryCount(UnsignedInteger.valueOf(deliveryCount - 1L));
            any = true;
        }
        return any ? header : null;
    }
}
