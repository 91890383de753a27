package dev.tern.broker.core;

import dev.tern.broker.BrokerException;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.TernProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves dead-lettered (or expired) messages back to the queue they came from, for an operator who fixed
 * what made them fail. A message goes back to its original queue, or, if that queue is gone, to a queue
 * of the original name if it was sent to a queue; it returns without the broker's {@code _TERN_}
 * properties and with a delivery count of 0. Each move is one store unit, as {@link MessageMover} does it.
 */
public final class DeadLetterRetry {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRetry.class);
    private static final String QUEUE_PREFIX = "queue://";
    private static final String TOPIC_PREFIX = "topic://";

    private final PostOffice postOffice;
    private final MessageMover mover;

    public DeadLetterRetry(PostOffice postOffice, Journal journal, LongSupplier messageIds) {
        this.postOffice = postOffice;
        this.mover = new MessageMover(journal, messageIds);
    }

    /**
     * Moves the messages waiting on a queue that the selector picks, and that carry their origin, back
     * to it. Messages delivered and not yet acknowledged stay; so do those whose origin no longer exists
     * (a deleted subscription or temporary queue).
     *
     * @param selector a JMS selector over the dead letters, or null for all
     * @return completes with how many moved, once the moves are durable
     * @throws BrokerException INVALID_DESTINATION if there is no such queue, INVALID_SELECTOR for a bad selector
     */
    public CompletableFuture<Integer> retry(String queueName, String selector) {
        MessageQueue queue = postOffice.queue(queueName);
        if (queue == null) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "There is no queue " + queueName + ".");
        }
        MessageFilter filter = MessageFilter.of(selector);
        List<MessageRef> taken = queue.takeWaiting(ref -> ref.message().record().properties()
                .get(TernProperties.ORIG_QUEUE) instanceof String && filter.matches(ref.message().record()));
        List<MessageRef> staying = new ArrayList<>();
        List<CompletableFuture<Void>> moves = new ArrayList<>();
        for (MessageRef ref : taken) {
            MessageRecord record = ref.message().record();
            MessageQueue origin = origin(record);
            if (origin == null || origin == queue) {
                staying.add(ref);
            } else {
                moves.add(mover.move(ref, restored(record), origin));
            }
        }
        if (!staying.isEmpty() && !queue.returnRefs(staying)) {
            mover.drop(staying);
        }
        LOG.info("Retrying {} messages of {}{}; {} stay, their origin is gone", moves.size(), queueName,
                selector == null ? "" : " selected by " + selector, staying.size());
        int moved = moves.size();
        return CompletableFuture.allOf(moves.toArray(CompletableFuture[]::new)).thenApply(done -> moved);
    }

    private MessageQueue origin(MessageRecord record) {
        String queueName = (String) record.properties().get(TernProperties.ORIG_QUEUE);
        MessageQueue queue = postOffice.queue(queueName);
        if (queue != null) {
            return queue;
        }
        Object destination = record.properties().get(TernProperties.ORIG_DESTINATION);
        if (destination instanceof String text && text.equals(QUEUE_PREFIX + queueName)
                && !queueName.startsWith(DestinationName.TEMPORARY_PREFIX)) {
            return postOffice.pointToPointQueue(DestinationName.queue(queueName));
        }
        return null;
    }

    /** The record as it was before it was moved: its destination back, the broker's properties gone. */
    private static MessageRecord restored(MessageRecord record) {
        return TernProperties.withoutBrokerProperties(record).withDestination(originalDestination(record));
    }

    private static DestinationName originalDestination(MessageRecord record) {
        Object text = record.properties().get(TernProperties.ORIG_DESTINATION);
        if (text instanceof String name && name.startsWith(TOPIC_PREFIX)) {
            return new DestinationName(DestinationType.TOPIC, name.substring(TOPIC_PREFIX.length()));
        }
        if (text instanceof String name && name.startsWith(QUEUE_PREFIX)) {
            return DestinationName.queue(name.substring(QUEUE_PREFIX.length()));
        }
        return DestinationName.queue((String) record.properties().get(TernProperties.ORIG_QUEUE));
    }
}
