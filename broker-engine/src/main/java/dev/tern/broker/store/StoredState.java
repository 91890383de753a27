package dev.tern.broker.store;

import dev.tern.protocol.MessageRecord;
import java.util.List;

/**
 * Everything a store holds, as read at start-up.
 *
 * @param queues the durable queues
 * @param messages stored messages in ascending ID order, which is the order they were sent in; those that
 *     prepared XA branches send or acknowledged included
 * @param references which queue holds which message, in ascending message ID order; not those prepared XA
 *     branches acknowledged (they stay locked until the branch is decided), which {@link MessageStore#readPage}
 *     still reads
 * @param duplicateIds the remembered duplicate IDs, in ascending sequence order
 * @param branches the prepared XA branches, as in {@link StoredIndex#branches()}
 */
public record StoredState(List<QueueRecord> queues, List<StoredMessage> messages, List<StoredReference> references,
        List<StoredDuplicateId> duplicateIds, List<PreparedBranch> branches) {

    public StoredState {
        queues = List.copyOf(queues);
        messages = List.copyOf(messages);
        references = List.copyOf(references);
        duplicateIds = List.copyOf(duplicateIds);
        branches = List.copyOf(branches);
    }

    /** A state without prepared XA branches. */
    public StoredState(List<QueueRecord> queues, List<StoredMessage> messages, List<StoredReference> references,
            List<StoredDuplicateId> duplicateIds) {
        this(queues, messages, references, duplicateIds, List.of());
    }

    /** A state without duplicate IDs or prepared XA branches. */
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
