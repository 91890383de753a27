package dev.tern.amqp.message;

import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;

/**
 * AMQP addresses and the JMS destination type annotations ({@code x-opt-jms-dest}, {@code x-opt-jms-reply-to}).
 *
 * <p>An address may carry an ActiveMQ-style prefix ({@code queue://}, {@code topic://}, {@code temp-queue://},
 * {@code temp-topic://}) that decides its kind; otherwise a type hint from link capabilities or an annotation
 * decides, and a plain name is a queue. Temporary destinations keep Tern's {@code temp:} names, so the address
 * a peer got from a dynamic node names the same destination when it comes back.
 */
public final class AmqpAddresses {

    /** The {@code x-opt-jms-dest}/{@code x-opt-jms-reply-to} value of a queue. */
    public static final byte QUEUE = 0;
    /** ... of a topic. */
    public static final byte TOPIC = 1;
    /** ... of a temporary queue. */
    public static final byte TEMPORARY_QUEUE = 2;
    /** ... of a temporary topic. */
    public static final byte TEMPORARY_TOPIC = 3;

    private static final String QUEUE_PREFIX = "queue://";
    private static final String TOPIC_PREFIX = "topic://";
    private static final String TEMP_QUEUE_PREFIX = "temp-queue://";
    private static final String TEMP_TOPIC_PREFIX = "temp-topic://";

    private AmqpAddresses() {
    }

    /**
     * The destination an AMQP address names.
     *
     * @param address the address; a prefix decides its kind
     * @param typeHint the kind for an address without prefix (from capabilities or annotations), or null for a queue
     * @throws AmqpMappingException if the address is null or empty
     */
    public static DestinationName fromAddress(String address, DestinationType typeHint) {
        if (address == null || address.isEmpty()) {
            throw new AmqpMappingException(AmqpMappingException.INVALID_FIELD, "no address", null);
        }
        DestinationType type;
        String name;
        if (address.startsWith(QUEUE_PREFIX)) {
            type = DestinationType.QUEUE;
            name = address.substring(QUEUE_PREFIX.length());
        } else if (address.startsWith(TOPIC_PREFIX)) {
            type = DestinationType.TOPIC;
            name = address.substring(TOPIC_PREFIX.length());
        } else if (address.startsWith(TEMP_QUEUE_PREFIX)) {
            type = DestinationType.TEMPORARY_QUEUE;
            name = address.substring(TEMP_QUEUE_PREFIX.length());
        } else if (address.startsWith(TEMP_TOPIC_PREFIX)) {
            type = DestinationType.TEMPORARY_TOPIC;
            name = address.substring(TEMP_TOPIC_PREFIX.length());
        } else {
            type = typeHint == null ? DestinationType.QUEUE : typeHint;
            name = address;
        }
        if (name.isEmpty()) {
            throw new AmqpMappingException(AmqpMappingException.INVALID_FIELD, "no name in address " + address, null);
        }
        return new DestinationName(settleTemporary(type, name), name);
    }

    /** A name in Tern's temporary namespace is temporary whatever the hint said; a temporary kind needs such a name. */
    private static DestinationType settleTemporary(DestinationType type, String name) {
        boolean temporaryName = name.startsWith(DestinationName.TEMPORARY_PREFIX);
        if (temporaryName && !type.isTemporary()) {
            return type.isQueue() ? DestinationType.TEMPORARY_QUEUE : DestinationType.TEMPORARY_TOPIC;
        }
        return type;
    }

    /**
     * The address an AMQP peer sees for a destination: its plain name, without a prefix; a temporary one
     * whose name is not in Tern's {@code temp:} namespace (one a Tern JMS client made) gets a
     * {@code temp-queue://} or {@code temp-topic://} prefix, so that a reply a plain AMQP client sends to it
     * reaches the temporary destination rather than a queue of the same name.
     */
    public static String toAddress(DestinationName destination) {
        String name = destination.name();
        if (!destination.type().isTemporary() || name.startsWith(DestinationName.TEMPORARY_PREFIX)) {
            return name;
        }
        return (destination.type().isQueue() ? TEMP_QUEUE_PREFIX : TEMP_TOPIC_PREFIX) + name;
    }

    /** The {@code x-opt-jms-dest}/{@code x-opt-jms-reply-to} byte of a destination type. */
    public static byte typeAnnotation(DestinationType type) {
        return switch (type) {
            case QUEUE -> QUEUE;
            case TOPIC -> TOPIC;
            case TEMPORARY_QUEUE -> TEMPORARY_QUEUE;
            case TEMPORARY_TOPIC -> TEMPORARY_TOPIC;
        };
    }

    /**
     * The destination type an {@code x-opt-jms-dest}/{@code x-opt-jms-reply-to} byte names.
     *
     * @throws AmqpMappingException for a value outside 0 to 3
     */
    public static DestinationType typeOf(byte annotation) {
        return switch (annotation) {
            case QUEUE -> DestinationType.QUEUE;
            case TOPIC -> DestinationType.TOPIC;
            case TEMPORARY_QUEUE -> DestinationType.TEMPORARY_QUEUE;
            case TEMPORARY_TOPIC -> DestinationType.TEMPORARY_TOPIC;
            default -> throw new AmqpMappingException(AmqpMappingException.INVALID_FIELD,
                    "unknown destination type annotation " + annotation, null);
        };
    }
}
