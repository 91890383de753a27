package dev.tern.broker.selector;

import dev.tern.protocol.MessageRecord;

/**
 * Resolves selector identifiers against a message. Only the six header fields the spec allows in selectors
 * are read from the record's headers; every other name, including {@code JMSDestination},
 * {@code JMSReplyTo}, {@code JMSExpiration}, {@code JMSDeliveryTime} and {@code JMSRedelivered}, is looked up
 * as a property and is therefore normally NULL.
 */
final class MessageFields {

    private MessageFields() {
    }

    /** The identifier's value as Long, Double, String or Boolean, or null when it has none. */
    static Object resolve(String name, MessageRecord message) {
        switch (name) {
            case "JMSDeliveryMode":
                return message.persistent() ? "PERSISTENT" : "NON_PERSISTENT";
            case "JMSPriority":
                return (long) message.priority();
            case "JMSMessageID":
                return message.messageId();
            case "JMSTimestamp":
                return message.timestamp();
            case "JMSCorrelationID":
                return message.correlationId();
            case "JMSType":
                return message.type();
            default:
                return Numbers.normalize(message.properties().get(name));
        }
    }
}
