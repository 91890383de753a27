package dev.tern.broker.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which of a queue's consumers a message is offered to, and in which order: the active one of
 * an exclusive queue, else the owner of the message's {@linkplain MessageGroups group}, else round-robin
 * over all of them. In the round, a message whose delivery {@linkplain MessageRef#timedOutAt timed out}
 * at a consumer is offered to that consumer last, so that it goes back there only if no other takes it.
 *
 * <p>A queue is exclusive while one of its consumers asks to be (the destination option
 * {@code consumer.exclusive=true}) or its policy says {@code exclusive}. Its active consumer is the
 * oldest consumer that asked, or with the policy and none asking, the oldest consumer; it stays active
 * until it leaves, and then the next one by the same rule takes over. Nothing else is offered anything.
 *
 * <p>A grouped message whose owner has no room waits, and so do the later messages of its group in the
 * same dispatch run, even if credit arrives meanwhile, so that they cannot overtake it.
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

    private final MessageGroups groups = new MessageGroups();
    private final Set<String> waitingGroups = new HashSet<>();
    private int next;
    private QueueConsumer active;
    private QueueConsumer lastTaker;

    /** Starts a dispatch run over the queue's pending messages from the head. */
    void startRun() {
        waitingGroups.clear();
    }

    /**
     * Offers a message to the consumers it may go to.
     *
     * @param consumers the queue's consumers, oldest first
     * @param exclusiveByPolicy whether the queue's policy makes it exclusive
     */
    Offer offer(MessageRef ref, List<QueueConsumer> consumers, boolean exclusiveByPolicy) {
        Offer offer = choose(ref, consumers, exclusiveByPolicy);
        if (offer == Offer.TAKEN) {
            ref.timedOutAt(null);
        }
        return offer;
    }

    private Offer choose(MessageRef ref, List<QueueConsumer> consumers, boolean exclusiveByPolicy) {
        QueueConsumer exclusive = activeConsumer(consumers, exclusiveByPolicy);
        if (exclusive != null) {
            return switch (exclusive.offer(ref)) {
                case HANDLED -> Offer.TAKEN;
                case NO_MATCH -> Offer.NOT_WANTED;
                case BUSY -> Offer.ALL_BUSY;
            };
        }
        String group = MessageGroups.groupOf(ref);
        if (group == null) {
            return roundRobin(ref, consumers);
        }
        if (waitingGroups.contains(group)) {
            return Offer.NOT_WANTED;
        }
        QueueConsumer owner = groups.ownerOf(group);
        if (owner == null) {
            Offer offer = roundRobin(ref, consumers);
            if (offer == Offer.TAKEN) {
                groups.taken(group, lastTaker, ref);
            }
            return offer;
        }
        DispatchResult result = owner.offer(ref);
        if (result == DispatchResult.HANDLED) {
            groups.taken(group, owner, ref);
            return Offer.TAKEN;
        }
        if (result == DispatchResult.BUSY) {
            waitingGroups.add(group);
        }
        return Offer.NOT_WANTED;
    }

    /** Forgets a consumer that left the queue: it is no longer active, and its groups are free. */
    void removed(QueueConsumer consumer) {
        if (active == consumer) {
            active = null;
        }
        groups.release(consumer);
    }

    /** How many message groups have an owner now. */
    int ownedGroups() {
        return groups.size();
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

    /**
     * Offers the message to each consumer in turn, from the one after the last taker, or, for a message
     * that timed out at a consumer, from the one after that consumer, which thus comes last.
     */
    private Offer roundRobin(MessageRef ref, List<QueueConsumer> consumers) {
        int count = consumers.size();
        QueueConsumer timedOutAt = ref.timedOutAt();
        int at = timedOutAt == null ? -1 : consumers.indexOf(timedOutAt);
        int start = at < 0 ? next : at + 1;
        boolean anyRoom = false;
        for (int i = 0; i < count; i++) {
            int index = (start + i) % count;
            DispatchResult result = consumers.get(index).offer(ref);
            if (result == DispatchResult.HANDLED) {
                next = (index + 1) % count;
                lastTaker = consumers.get(index);
                return Offer.TAKEN;
            }
            anyRoom |= result == DispatchResult.NO_MATCH;
        }
        return anyRoom ? Offer.NOT_WANTED : Offer.ALL_BUSY;
    }
}
