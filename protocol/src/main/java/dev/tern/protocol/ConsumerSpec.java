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
 * @param exclusive true to ask to be the only consumer its queue delivers to while it is open
 * @param replayFrom for topics: where a new subscription starts among the topic's retained messages, or
 *     null to receive only what is published from now on
 */
public record ConsumerSpec(
        DestinationName destination,
        String selector,
        boolean noLocal,
        String subscriptionName,
        boolean durable,
        boolean shared,
        boolean exclusive,
        ReplayFrom replayFrom) {

    public ConsumerSpec {
        Objects.requireNonNull(destination, "destination");
        if ((durable || shared) && subscriptionName == null) {
            throw new IllegalArgumentException("durable and shared subscriptions need a name");
        }
    }

    /** A consumer that replays nothing. */
    public ConsumerSpec(DestinationName destination, String selector, boolean noLocal, String subscriptionName,
            boolean durable, boolean shared, boolean exclusive) {
        this(destination, selector, noLocal, subscriptionName, durable, shared, exclusive, null);
    }

    /** A consumer that does not ask to be exclusive. */
    public ConsumerSpec(DestinationName destination, String selector, boolean noLocal, String subscriptionName,
            boolean durable, boolean shared) {
        this(destination, selector, noLocal, subscriptionName, durable, shared, false);
    }

    /** This spec asking, or not, to be its queue's exclusive consumer. */
    public ConsumerSpec withExclusive(boolean exclusiveConsumer) {
        return new ConsumerSpec(destination, selector, noLocal, subscriptionName, durable, shared, exclusiveConsumer,
                replayFrom);
    }

    /** This spec starting its subscription at {@code start} among the retained messages; null for none. */
    public ConsumerSpec withReplayFrom(ReplayFrom start) {
        return new ConsumerSpec(destination, selector, noLocal, subscriptionName, durable, shared, exclusive, start);
    }

    /** A plain consumer of a queue, or a non-durable unshared subscriber of a topic. */
    public static ConsumerSpec of(DestinationName destination) {
        return new ConsumerSpec(destination, null, false, null, false, false);
    }
}
