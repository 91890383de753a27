package dev.tern.broker.store;

import dev.tern.protocol.MessageRecord;
import java.util.List;

/**
 * Everything a store holds, as read at start-up.
 *
 * @param queues the durable queues
 * @param messages stored messages in ascending ID order, which is the order they were sent in
 * @param references which queue holds which message, in ascending message ID order
 */
public record StoredState(List<QueueRecord> queues, List<StoredMessage> messages, List<StoredReference> references) {

    public StoredState {
        queues = List.copyOf(queues);
        messages = List.copyOf(messages);
        references = List.copyOf(references);
    }

    /** A stored message with the broker's internal ID. */
    public record StoredMessage(long messageId, MessageRecord message) {
    }

    /** A message read back for a queue that held it on disk only, with its delivery count there. */
    public record PagedMessage(long messageId, int deliveryCount, MessageRecord message) {
    }

    /** A message's place on a queue, with how often it has been delivered from there. */
    public record StoredReference(long messageId, String queueName, int deliveryCount) {
    }
}
