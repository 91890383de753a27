package dev.tern.broker.core;

import java.util.Comparator;

/** One message's place on one queue, with how many times it was delivered from there to an application. */
public final class MessageRef {

    /** Delivery order: higher priority first, then arrival order. */
    static final Comparator<MessageRef> DELIVERY_ORDER = Comparator
            .comparingInt((MessageRef ref) -> -ref.message.priority())
            .thenComparingLong(ref -> ref.message.id());

    /** Order of delayed messages: earliest delivery time first, then arrival order. */
    static final Comparator<MessageRef> DUE_ORDER = Comparator
            .comparingLong(MessageRef::deliveryTime)
            .thenComparingLong(ref -> ref.message.id());

    private final ServerMessage message;
    private final MessageQueue queue;
    private volatile int deliveryCount;
    /** When a redelivery delay ends, in epoch milliseconds; 0 for none. Set only while the ref is off its queue. */
    private volatile long redeliveryTime;
    /** The consumer at which its last delivery timed out, until it is delivered again; null for none. */
    private volatile QueueConsumer timedOutAt;

    MessageRef(ServerMessage message, MessageQueue queue, int deliveryCount) {
        this.message = message;
        this.queue = queue;
        this.deliveryCount = deliveryCount;
        message.addReference();
    }

    public ServerMessage message() {
        return message;
    }

    public MessageQueue queue() {
        return queue;
    }

    /** How many times the application has been given this message from this queue. */
    public int deliveryCount() {
        return deliveryCount;
    }

    /** Counts one more delivery that reached the application; returns the new count. */
    public int countDelivery() {
        return ++deliveryCount;
    }

    /**
     * Holds the message back until this time when it returns to its queue, for a redelivery delay. Call
     * only while the reference is off its queue (in flight).
     */
    public void delayRedeliveryUntil(long epochMillis) {
        this.redeliveryTime = epochMillis;
    }

    /**
     * Records that a delivery of this reference to the consumer timed out (its visibility timeout ran
     * out), so that it is offered to every other consumer first when it returns to its queue.
     */
    public void timedOutAt(QueueConsumer consumer) {
        this.timedOutAt = consumer;
    }

    /** The consumer at which the last delivery of this reference timed out, if it was not delivered since. */
    QueueConsumer timedOutAt() {
        return timedOutAt;
    }

    /** JMSDeliveryTime, or the end of a redelivery delay if later: the message is not delivered before it. */
    long deliveryTime() {
        return Math.max(message.record().deliveryTime(), redeliveryTime);
    }

    /** True if the message has a time-to-live and it has run out. */
    boolean isExpired(long now) {
        long expiration = message.record().expiration();
        return expiration != 0 && expiration <= now;
    }

    @Override
    public String toString() {
        return "ref(" + message.id() + " on " + queue.name() + ")";
    }
}
