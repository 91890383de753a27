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
 * @param lastMessageId at least the highest message ID the store ever held, referenced now or not, or 0:
 *     the broker numbers new messages above it, so that no ID is given twice
 * @param branches the prepared XA branches; the references they acknowledged are not in {@code messageIds}
 *     (they stay locked until the branch is decided) and are read with {@link MessageStore#readPage}
 */
public record StoredIndex(List<QueueRecord> queues, Map<String, long[]> messageIds,
        List<StoredState.StoredDuplicateId> duplicateIds, long lastMessageId, List<PreparedBranch> branches) {

    public StoredIndex {
        queues = List.copyOf(queues);
        messageIds = Map.copyOf(messageIds);
        duplicateIds = List.copyOf(duplicateIds);
        branches = List.copyOf(branches);
        for (long[] ids : messageIds.values()) {
            if (ids.length > 0) {
                lastMessageId = Math.max(lastMessageId, ids[ids.length - 1]);
            }
        }
    }

    /** An index without prepared XA branches. */
    public StoredIndex(List<QueueRecord> queues, Map<String, long[]> messageIds,
            List<StoredState.StoredDuplicateId> duplicateIds, long lastMessageId) {
        this(queues, messageIds, duplicateIds, lastMessageId, List.of());
    }

    /** An index whose last message ID is the highest one referenced: for a store that remembers no more. */
    public StoredIndex(List<QueueRecord> queues, Map<String, long[]> messageIds,
            List<StoredState.StoredDuplicateId> duplicateIds) {
        this(queues, messageIds, duplicateIds, 0);
    }

    /** The IDs of the messages a queue holds, ascending. */
    public long[] messageIdsOf(String queueName) {
        return messageIds.getOrDefault(queueName, new long[0]);
    }
}
