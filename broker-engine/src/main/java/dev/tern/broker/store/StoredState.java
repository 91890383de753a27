package dev.tern.broker.store;

import dev.tern.protocol.MessageRecord;
import java.util.List;

/**
 * Everything a store holds, as read at start-up.
 *
 * @param queues the durable queues
 * @param messages stored messages in ascending ID order, which is the order they were sent in
 * @param references which queue holds which message, in ascending message ID order
 * @param duplicateIds the remembered duplicate IDs, in ascending sequence order
 */
public record StoredState(List<QueueRecord> queues, List<StoredMessage> messages, List<StoredReference> references,
        List<StoredDuplicateId> duplicateIds) {

    public StoredState {
        queues = List.copyOf(queues);
        messages = List.copyOf(messages);
        references = List.copyOf(references);
        duplicateIds = List.copyOf(duplicateIds);
    }

    /** A state without duplicate IDs. */
    public StoredState(List<QueueRecord> queues, List<StoredMessage> messages, List<StoredReference> references) {
        this(queues, messages, references, List.of());
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

    /** A duplicate ID remembered for an address; see {@link StoreOp.AddDuplicateId}. */
    public record StoredDuplicateId(String address, String duplicateId, long sequence, long addedAt) {
    }
}
