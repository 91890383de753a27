package dev.tern.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Message properties the broker sets on messages it moves, and the one applications set to stop
 * consumers. All are valid JMS identifiers, usable in selectors. {@code docs/reliability.md} explains them.
 */
public final class TernProperties {

    /**
     * Where a dead-lettered or expired message was sent, as {@code queue://NAME} or {@code topic://NAME}
     * (String). Set when the message first leaves its destination and kept through later moves.
     */
    public static final String ORIG_DESTINATION = "_TERN_ORIG_DESTINATION";

    /** The queue a dead-lettered or expired message left; for a topic, its subscription's queue (String). */
    public static final String ORIG_QUEUE = "_TERN_ORIG_QUEUE";

    /** Why a message was moved to the dead-letter queue (String). */
    public static final String DLQ_REASON = "_TERN_DLQ_REASON";

    /** The JMSExpiration a message had when it expired and moved to the expiry queue (long). */
    public static final String ORIG_EXPIRATION = "_TERN_ORIG_EXPIRATION";

    /**
     * Set to {@code true} (a boolean, or the string {@code "true"}) on a message to make it a stop signal:
     * each consumer of the queue that reaches it finishes what it received before and stops; the signal
     * itself stays on the queue, for the next consumer, until it expires or is removed.
     */
    public static final String STOP = "_TERN_STOP";

    /**
     * The prefix of every property the broker sets; retrying a dead letter removes them, and the broker
     * removes them from what clients send, {@link #STOP} excepted, so that no client can forge where a
     * dead letter came from.
     */
    public static final String PREFIX = "_TERN_";

    private TernProperties() {
    }

    /** The message without the properties only the broker sets; the same record if it has none. */
    public static MessageRecord withoutBrokerProperties(MessageRecord record) {
        boolean any = false;
        for (String name : record.properties().keySet()) {
            if (isBrokerProperty(name)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return record;
        }
        Map<String, Object> properties = new LinkedHashMap<>(record.properties());
        properties.keySet().removeIf(TernProperties::isBrokerProperty);
        return new MessageRecord(record.messageId(), record.destination(), record.timestamp(), record.correlationId(),
                record.replyTo(), record.type(), record.persistent(), record.priority(), record.expiration(),
                record.deliveryTime(), properties, record.bodyType(), record.body());
    }

    private static boolean isBrokerProperty(String name) {
        return name.startsWith(PREFIX) && !name.equals(STOP);
    }

    /** True if the message is a {@linkplain #STOP stop signal}. */
    public static boolean isStopSignal(MessageRecord message) {
        Object value = message.properties().get(STOP);
        return Boolean.TRUE.equals(value) || (value instanceof String text && text.equalsIgnoreCase("true"));
    }
}
