package dev.tern.protocol;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One message as it travels between client and broker and as it is stored: the JMS headers,
 * the application properties and an encoded body. Immutable; the body array is copied in and out.
 *
 * <p>Per-delivery facts (JMSRedelivered, JMSXDeliveryCount) are not part of the record; the broker
 * sends them alongside each delivery.
 *
 * @param messageId JMSMessageID including its {@code ID:} prefix, or null if the producer disabled IDs
 * @param destination where the message was sent
 * @param timestamp JMSTimestamp in epoch milliseconds, or 0 if disabled
 * @param correlationId JMSCorrelationID, or null
 * @param replyTo JMSReplyTo, or null
 * @param type JMSType, or null
 * @param persistent true for DeliveryMode.PERSISTENT
 * @param priority JMSPriority, 0 to 9
 * @param expiration JMSExpiration in epoch milliseconds, or 0 for never
 * @param deliveryTime JMSDeliveryTime in epoch milliseconds
 * @param properties application and JMSX properties, in insertion order; values are JMS property types
 * @param bodyType which message type the body belongs to
 * @param body the encoded body; never null, possibly empty
 */
public record MessageRecord(
        String messageId,
        DestinationName destination,
        long timestamp,
        String correlationId,
        DestinationName replyTo,
        String type,
        boolean persistent,
        int priority,
        long expiration,
        long deliveryTime,
        Map<String, Object> properties,
        BodyType bodyType,
        byte[] body) {

    public MessageRecord {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(bodyType, "bodyType");
        if (priority < 0 || priority > 9) {
            throw new IllegalArgumentException("priority must be 0 to 9, was " + priority);
        }
        properties = properties == null || properties.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        body = body == null ? new byte[0] : body.clone();
    }

    /** A copy of the encoded body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body length without copying it. */
    public int bodySize() {
        return body.length;
    }

    /** This record with a different destination, as routing to a subscription needs no copy of the body. */
    public MessageRecord withDestination(DestinationName newDestination) {
        return new MessageRecord(messageId, newDestination, timestamp, correlationId, replyTo, type,
                persistent, priority, expiration, deliveryTime, properties, bodyType, body);
    }

    /** This record with one more property, or another value of it. */
    public MessageRecord withProperty(String name, Object value) {
        Map<String, Object> newProperties = new LinkedHashMap<>(properties);
        newProperties.put(name, value);
        return new MessageRecord(messageId, destination, timestamp, correlationId, replyTo, type,
                persistent, priority, expiration, deliveryTime, newProperties, bodyType, body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageRecord m
                && timestamp == m.timestamp && persistent == m.persistent && priority == m.priority
                && expiration == m.expiration && deliveryTime == m.deliveryTime
                && Objects.equals(messageId, m.messageId) && destination.equals(m.destination)
                && Objects.equals(correlationId, m.correlationId) && Objects.equals(replyTo, m.replyTo)
                && Objects.equals(type, m.type) && bodyType == m.bodyType
                && PropertyMaps.equal(properties, m.properties) && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, destination, timestamp, bodyType) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "MessageRecord[" + messageId + " to " + destination + ", " + bodyType + " body of "
                + body.length + " bytes, priority " + priority + (persistent ? ", persistent" : "") + "]";
    }
}
