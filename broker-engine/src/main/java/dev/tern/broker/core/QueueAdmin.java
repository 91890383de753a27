package dev.tern.broker.core;

import dev.tern.broker.BrokerException;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.QueueAction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator's actions on one queue: pause and resume delivery, remove or move the waiting messages a
 * selector picks. Messages delivered to a consumer and not yet acknowledged are left to it. Each moved
 * message is one store unit, as {@link MessageMover} makes it; removals are journaled like
 * acknowledgments.
 */
public final class QueueAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(QueueAdmin.class);

    private final PostOffice postOffice;
    private final Journal journal;
    private final MessageMover mover;

    public QueueAdmin(PostOffice postOffice, Journal journal, LongSupplier messageIds) {
        this.postOffice = postOffice;
        this.journal = journal;
        this.mover = new MessageMover(journal, messageIds);
    }

    /**
     * Does what an operator asked of a queue, as {@link #setPaused}, {@link #remove} or {@link #move} does.
     *
     * @return completes with how many messages were removed or moved; 0 for a pause or a resume
     */
    public CompletableFuture<Integer> apply(QueueAction action, String queueName, String selector, String target) {
        return switch (action) {
            case PAUSE, RESUME -> setPaused(queueName, action == QueueAction.PAUSE).thenApply(stored -> 0);
            case REMOVE -> remove(queueName, selector);
            case MOVE -> move(queueName, selector, target);
        };
    }

    /**
     * Stops delivery from a queue, or starts it again; the state is journaled with a durable queue.
     *
     * @return completes once the state is on disk
     * @throws BrokerException INVALID_DESTINATION if there is no such queue
     */
    public CompletableFuture<Void> setPaused(String queueName, boolean paused) {
        MessageQueue queue = existing(queueName);
        CompletableFuture<Void> stored = postOffice.setPaused(queue, paused);
        LOG.info("Queue {} {}", queueName, paused ? "paused" : "resumed");
        return stored;
    }

    /**
     * Removes the waiting messages a selector picks, delayed ones included, of those in memory (paged ones are
     * reached once read back); without a selector, every waiting message, paged ones too.
     *
     * @param selector a JMS selector, such as {@code JMSMessageID = 'ID:...'}, or null for all
     * @return completes with how many messages were removed
     * @throws BrokerException INVALID_DESTINATION if there is no such queue, INVALID_SELECTOR for a bad selector
     */
    public CompletableFuture<Integer> remove(String queueName, String selector) {
        MessageQueue queue = existing(queueName);
        List<MessageRef> removed;
        int count;
        if (selector == null) {
            MessageQueue.Purged purged = queue.purge();
            removed = purged.inMemory();
            count = purged.count();
        } else {
            MessageFilter filter = MessageFilter.of(selector);
            removed = queue.takeWaiting(ref -> filter.matches(ref.message().record()));
            count = removed.size();
        }
        journal.discard(removed);
        LOG.info("Removed {} messages from queue {}{}", count, queueName,
                selector == null ? "" : " selected by " + selector);
        return CompletableFuture.completedFuture(count);
    }

    /**
     * Moves the waiting messages in memory that a selector picks (all of them without one) to another queue,
     * which is created if need be; paged ones stay until they are read back. The messages keep their
     * properties and arrive with a delivery count of 0.
     *
     * @param selector a JMS selector, or null for all
     * @return completes with how many messages moved, once the moves are durable
     * @throws BrokerException INVALID_DESTINATION if either queue is missing or they are the same,
     *     INVALID_SELECTOR for a bad selector
     */
    public CompletableFuture<Integer> move(String queueName, String selector, String targetName) {
        MessageQueue queue = existing(queueName);
        if (targetName == null || targetName.isBlank() || targetName.equals(queueName)) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION,
                    "Moving messages needs a target queue other than " + queueName + ".");
        }
        MessageQueue target = postOffice.pointToPointQueue(DestinationName.queue(targetName));
        MessageFilter filter = MessageFilter.of(selector);
        List<MessageRef> taken = queue.takeWaiting(ref -> filter.matches(ref.message().record()));
        List<CompletableFuture<Void>> moves = new ArrayList<>(taken.size());
        for (MessageRef ref : taken) {
            moves.add(mover.move(ref, ref.message().record().withDestination(DestinationName.queue(targetName)),
                    target));
        }
        LOG.info("Moving {} messages from queue {} to {}{}", taken.size(), queueName, targetName,
                selector == null ? "" : " selected by " + selector);
        int moved = taken.size();
        return CompletableFuture.allOf(moves.toArray(CompletableFuture[]::new)).thenApply(done -> moved);
    }

    private MessageQueue existing(String queueName) {
        MessageQueue queue = postOffice.queue(queueName);
        if (queue == null) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "There is no queue " + queueName + ".");
        }
        return queue;
    }
}
