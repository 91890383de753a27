package dev.tern.broker.core;

import java.util.List;

/**
 * Decides which of a queue's consumers a message is offered to, and in which order: round-robin over
 * all of them, or only to the active one of an exclusive queue.
 *
 * <p>A queue is exclusive while one of its consumers asks to be (the destination option
 * {@code consumer.exclusive=true}) or its policy says {@code exclusive}. Its active consumer is the
 * oldest consumer that asked, or with the policy and none asking, the oldest consumer; it stays active
 * until it leaves, and then the next one by the same rule takes over. Nothing else is offered anything.
 *
 * <p>Used by one {@link MessageQueue}, under its lock.
 */
final class ConsumerChoice {

    /** The outcome of offering one message. */
    enum Offer {
        /** A consumer took it. */
        TAKEN,
        /** No consumer wanted it now; later messages may still go. */
        NOT_WANTED,
        /** Every consumer it may go to is out of credit; later messages would not go either. */
        ALL_BUSY
    }

    private int next;
    private QueueConsumer active;

    /**
     * Offers a message to the consumers it may go to.
     *
     * @param consumers the queue's consumers, oldest first
     * @param exclusiveByPolicy whether the queue's policy makes it exclusive
     */
    Offer offer(MessageRef ref, List<QueueConsumer> consumers, boolean exclusiveByPolicy) {
        QueueConsumer exclusive = activeConsumer(consumers, exclusiveByPolicy);
        if (exclusive != null) {
            return switch (exclusive.offer(ref)) {
                case HANDLED -> Offer.TAKEN;
                case NO_MATCH -> Offer.NOT_WANTED;
                case BUSY -> Offer.ALL_BUSY;
            };
        }
        return roundRobin(ref, consumers);
    }

    /** Forgets a consumer that left the queue. */
    void removed(QueueConsumer consumer) {
        if (active == consumer) {
            active = null;
        }
    }

    /** The consumer of an exclusive queue that receives, or null if the queue is not exclusive now. */
    private QueueConsumer activeConsumer(List<QueueConsumer> consumers, boolean exclusiveByPolicy) {
        if (active != null) {
            if (exclusiveByPolicy || active.exclusive()) {
                return active;
            }
            active = null;
        }
        for (QueueConsumer consumer : consumers) {
            if (consumer.exclusive()) {
                active = consumer;
                return active;
            }
        }
        if (exclusiveByPolicy && !consumers.isEmpty()) {
            active = consumers.get(0);
        }
        return active;
    }

    private Offer roundRobin(MessageRef ref, List<QueueConsumer> consumers) {
        int count = consumers.size();
        boolean anyRoom = false;
        for (int i = 0; i < count; i++) {
            int index = (next + i) % count;
            DispatchResult result = consumers.get(index).offer(ref);
            if (result == DispatchResult.HANDLED) {
                next = (index + 1) % count;
                return Offer.TAKEN;
            }
            anyRoom |= result == DispatchResult.NO_MATCH;
        }
        return anyRoom ? Offer.NOT_WANTED : Offer.ALL_BUSY;
    }
}
