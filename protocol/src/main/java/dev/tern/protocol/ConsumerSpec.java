package dev.tern.protocol;

import java.util.Objects;

/**
 * What a consumer wants to receive.
 *
 * @param destination the queue or topic to consume from
 * @param selector a message selector, or null for all messages
 * @param noLocal for topics: skip messages published by the consumer's own connection
 * @param subscriptionName the subscription name for durable or shared topic subscriptions, else null
 * @param durable true for a durable subscription
 * @param shared true for a JMS 2.0 shared subscription
 */
public record ConsumerSpec(
        DestinationName destination,
        String selector,
        boolean noLocal,
        String subscriptionName,
        boolean durable,
        boolean shared) {

    public ConsumerSpec {
        Objects.requireNonNull(destination, "destination");
        if ((durable || shared) && subscriptionName == null) {
            throw new IllegalArgumentException("durable and shared subscriptions need a name");
        }
    }

    /** A plain consumer of a queue, or a non-durable unshared subscriber of a topic. */
    public static ConsumerSpec of(DestinationName destination) {
        return new ConsumerSpec(destination, null, false, null, false, false);
    }
}
