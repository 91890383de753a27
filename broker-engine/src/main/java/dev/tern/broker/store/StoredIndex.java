package dev.tern.broker.store;

import java.util.List;
import java.util.Map;

/**
 * What a broker reads at start-up when it leaves the messages themselves on disk until a consumer
 * needs them: the durable queues, and for each the IDs of the messages it holds, ascending. The
 * messages are read later with {@link MessageStore#readPage}.
 *
 * @param queues the durable queues
 * @param messageIds queue name to the IDs of its messages, ascending; a queue holding none may be absent
 * @param duplicateIds the remembered duplicate IDs, in ascending sequence order
 */
public record StoredIndex(List<QueueRecord> queues, Map<String, long[]> messageIds,
        List<StoredState.StoredDuplicateId> duplicateIds) {

    public StoredIndex {
        queues = List.copyOf(queues);
        messageIds = Map.copyOf(messageIds);
        duplicateIds = List.copyOf(duplicateIds);
    }

    /** The IDs of the messages a queue holds, ascending. */
    public long[] messageIdsOf(String queueName) {
        return messageIds.getOrDefault(queueName, new long[0]);
    }
}
