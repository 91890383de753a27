package dev.tern.amqp.message;

import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.TypedValueCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedByte;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.amqp.messaging.Section;
import org.apache.qpid.proton.codec.DroppingWritableBuffer;
import org.apache.qpid.proton.message.Message;

/** Converts between AMQP 1.0 messages and the broker's MessageRecord, following the AMQP JMS Mapping. */
public final class AmqpMessageMapping {

    static final Symbol MSG_TYPE = Symbol.valueOf("x-opt-jms-msg-type");

    private AmqpMessageMapping() {
    }

    /**
     * Decodes a message received from an AMQP sender (the encoded sections of one transfer, possibly several
     * frames joined).
     *
     * @param target where the link sends to, or null for an anonymous-relay link (then the message's {@code to} decides)
     * @param newMessageId supplies a JMSMessageID ("ID:...") when the message carries no message-id
     * @param nowMillis the broker clock, for TTL to expiration and timestamp defaults
     * @throws AmqpMappingException if it cannot be decoded or mapped
     */
    public static MessageRecord toRecord(byte[] encoded, int offset, int length, DestinationName target,
                                         Supplier<String> newMessageId, long nowMillis) {
        Message message = Proton.message();
        try {
            message.decode(encoded, offset, length);
        } catch (RuntimeException e) {
            throw new AmqpMappingException("malformed AMQP message: " + e.getMessage(), e);
        }
        Header header = message.getHeader();
        Properties props = message.getProperties();
        DestinationName destination = target;
        if (destination == null) {
            String to = props == null ? null : props.getTo();
            if (to == null) {
                throw new AmqpMappingException(AmqpMappingException.INVALID_FIELD,
                        "a message on an anonymous link needs a 'to' address", null);
            }
            destination = AmqpAddresses.fromAddress(to, null);
        }
        Object id = props == null ? null : props.getMessageId();
        String messageId = id == null ? newMessageId.get() : id.toString().startsWith("ID:") ? id.toString() : "ID:" + id;
        boolean persistent = header != null && Boolean.TRUE.equals(header.getDurable());
        int priority = header == null || header.getPriority() == null ? 4 : Math.min(9, header.getPriority().intValue());
        long expiration = 0;
        if (header != null && header.getTtl() != null) {
            expiration = nowMillis + header.getTtl().longValue();
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        ApplicationProperties ap = message.getApplicationProperties();
        if (ap != null && ap.getValue() != null) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) ap.getValue()).entrySet()) {
                Object v = e.getValue();
                if (v instanceof String || v instanceof Boolean || v instanceof Number) {
                    properties.put(String.valueOf(e.getKey()), v);
                }
            }
        }
        BodyType bodyType;
        byte[] body;
        Section section = message.getBody();
        if (section instanceof AmqpValue value && value.getValue() instanceof String text) {
            bodyType = BodyType.TEXT;
            body = textBody(text);
        } else if (section instanceof Data data) {
            bodyType = BodyType.BYTES;
            body = data.getValue() == null ? new byte[0] : data.getValue().getArray().clone();
        } else {
            bodyType = BodyType.NONE;
            body = new byte[0];
        }
        long timestamp = props != null && props.getCreationTime() != null ? props.getCreationTime().getTime() : nowMillis;
        return new MessageRecord(messageId, destination, timestamp, null, null,
                props == null ? null : props.getSubject(), persistent, priority, expiration, 0,
                properties, bodyType, body);
    }

    /**
     * Encodes a broker message for a transfer to an AMQP receiver.
     *
     * @param deliveryCount as in {@code Event.Deliver}: 1 on a first delivery; the AMQP header's delivery-count is one less
     */
    public static byte[] toAmqp(MessageRecord record, int deliveryCount) {
        Message message = Proton.message();
        Header header = new Header();
        header.setDurable(record.persistent());
        header.setPriority(UnsignedByte.valueOf((byte) record.priority()));
        header.setDeliveryCount(UnsignedInteger.valueOf(Math.max(0, deliveryCount - 1)));
        message.setHeader(header);
        Properties props = new Properties();
        props.setMessageId(record.messageId());
        props.setTo(AmqpAddresses.toAddress(record.destination()));
        props.setSubject(record.type());
        if (record.timestamp() != 0) {
            props.setCreationTime(new java.util.Date(record.timestamp()));
        }
        message.setProperties(props);
        Map<Symbol, Object> annotations = new HashMap<>();
        Map<String, Object> applicationProperties = new LinkedHashMap<>(record.properties());
        message.setApplicationProperties(new ApplicationProperties(applicationProperties));
        switch (record.bodyType()) {
            case TEXT -> {
                annotations.put(MSG_TYPE, (byte) 5);
                message.setBody(new AmqpValue(readText(record.body())));
            }
            case BYTES -> {
                annotations.put(MSG_TYPE, (byte) 3);
                message.setBody(new Data(new Binary(record.body())));
            }
            default -> annotations.put(MSG_TYPE, (byte) 0);
        }
        message.setMessageAnnotations(new MessageAnnotations(annotations));
        return encode(message);
    }

    static byte[] encode(Message message) {
        DroppingWritableBuffer sizer = new DroppingWritableBuffer();
        message.encode(sizer);
        byte[] out = new byte[sizer.position()];
        message.encode(out, 0, out.length);
        return out;
    }

    static byte[] textBody(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            TypedValueCodec.writeString(out, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String readText(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return TypedValueCodec.readString(new DataInputStream(new ByteArrayInputStream(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt text body", e);
        }
    }
}
