package dev.tern.broker.store;

import java.util.Objects;

/**
 * A durable queue as stored: a plain queue, or a durable topic subscription.
 *
 * @param name the queue's unique name
 * @param address the queue or topic name messages are sent to
 * @param topicSubscription true if the queue is a durable subscription of the topic {@code address}
 * @param selector the subscription's selector, or null
 * @param noLocal whether the subscription skips messages from its own connection
 * @param clientId the subscriber's client ID, or null for a shared subscription without one
 * @param subscriptionName the subscription name, or null for a plain queue
 * @param shared whether several consumers may share the subscription
 * @param paused whether an operator paused the queue: it takes messages and delivers none until resumed
 */
public record QueueRecord(
        String name,
        String address,
        boolean topicSubscription,
        String selector,
        boolean noLocal,
        String clientId,
        String subscriptionName,
        boolean shared,
        boolean paused) {

    public QueueRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }

    /** A queue that is not paused. */
    public QueueRecord(String name, String address, boolean topicSubscription, String selector, boolean noLocal,
            String clientId, String subscriptionName, boolean shared) {
        this(name, address, topicSubscription, selector, noLocal, clientId, subscriptionName, shared, false);
    }

    /** This queue, paused or not. */
    public QueueRecord withPaused(boolean pausedNow) {
        return new QueueRecord(name, address, topicSubscription, selector, noLocal, clientId, subscriptionName,
                shared, pausedNow);
    }

    /** A plain point-to-point queue. */
    public static QueueRecord plainQueue(String name) {
        return new QueueRecord(name, name, false, null, false, null, null, false);
    }
}
