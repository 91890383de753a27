package dev.tern.broker.store;

import dev.tern.protocol.MessageRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link MessageStore} in memory, for a broker that persists nothing and as a test double. It
 * keeps the semantics of {@link H2MessageStore}: a unit applies atomically (a duplicate message ID or
 * reference or an XA branch prepared twice fails the whole unit and changes nothing), {@link #load()} drops
 * references to missing queues or messages and then messages that neither a queue references nor a
 * prepared branch sends, the references prepared branches acknowledged are read only by
 * {@link #readPage}, and apply after close fails with {@link IllegalStateException}. Futures complete
 * before {@link #apply} returns.
 */
public final class InMemoryMessageStore implements MessageStore {

    private final Map<String, QueueRecord> queues = new TreeMap<>();
    private final TreeMap<Long, MessageRecord> messages = new TreeMap<>();
    /** message ID -> queue name -> delivery count. */
    private final TreeMap<Long, TreeMap<String, Integer>> refsByMessage = new TreeMap<>();
    /** queue name -> IDs of the messages it references. */
    private final Map<String, Set<Long>> refsByQueue = new HashMap<>();
    /** (address, duplicate ID) -> the entry. */
    private final Map<List<String>, StoredState.StoredDuplicateId> duplicateIds = new HashMap<>();
    /** {@link BranchCodec#key} -> the prepared XA branch: in the order the H2 store lists them. */
    private final TreeMap<String, PreparedBranch> branches = new TreeMap<>();
    /** The highest message ID ever added, as {@link StoredIndex#lastMessageId} reports it. */
    private long lastMessageId;
    private boolean closed;

    @Override
    public synchronized StoredState load() {
        checkOpen();
        LoadedBranches loaded = removeDanglingAndLoadBranches();
        List<StoredState.StoredMessage> storedMessages = new ArrayList<>(messages.size());
        messages.forEach((id, message) -> storedMessages.add(new StoredState.StoredMessage(id, message)));
        List<StoredState.StoredReference> references = new ArrayList<>();
        refsByMessage.forEach((id, refs) -> refs.forEach((queue, count) -> {
            if (!loaded.isLocked(id, queue)) {
                references.add(new StoredState.StoredReference(id, queue, count));
            }
        }));
        return new StoredState(new ArrayList<>(queues.values()), storedMessages, references, sortedDuplicateIds(),
                loaded.branches());
    }

    /**
     * Drops references to missing queues or messages, then messages that neither a queue references nor a
     * prepared branch sends; returns the branches, trimmed to what is stored.
     */
    private LoadedBranches removeDanglingAndLoadBranches() {
        removeDanglingReferences();
        Set<Long> sent = LoadedBranches.sentMessageIds(branches.values());
        messages.keySet().removeIf(id -> !refsByMessage.containsKey(id) && !sent.contains(id));
        return LoadedBranches.of(branches.values(), messages::containsKey,
                (id, queue) -> deliveryCount(id, queue) != null);
    }

    private List<StoredState.StoredDuplicateId> sortedDuplicateIds() {
        List<StoredState.StoredDuplicateId> duplicates = new ArrayList<>(duplicateIds.values());
        duplicates.sort(java.util.Comparator.comparingLong(StoredState.StoredDuplicateId::sequence));
        return duplicates;
    }

    @Override
    public synchronized StoredIndex loadIndex() {
        checkOpen();
        LoadedBranches loaded = removeDanglingAndLoadBranches();
        Map<String, long[]> ids = new HashMap<>();
        refsByQueue.forEach((queue, onQueue) -> {
            long[] unlocked = onQueue.stream().mapToLong(Long::longValue).filter(id -> !loaded.isLocked(id, queue))
                    .toArray();
            if (unlocked.length > 0) {
                ids.put(queue, unlocked);
            }
        });
        return new StoredIndex(new ArrayList<>(queues.values()), ids, sortedDuplicateIds(), lastMessageId,
                loaded.branches());
    }

    @Override
    public synchronized List<StoredState.StoredMessage> readMessages(long[] messageIds) {
        List<StoredState.StoredMessage> read = new ArrayList<>();
        for (long id : java.util.Arrays.stream(messageIds).sorted().distinct().toArray()) {
            MessageRecord message = messages.get(id);
            if (message != null) {
                read.add(new StoredState.StoredMessage(id, message));
            }
        }
        return read;
    }

    @Override
    public synchronized List<StoredState.PagedMessage> readPage(String queueName, long[] messageIds) {
        List<StoredState.PagedMessage> page = new ArrayList<>();
        for (long id : java.util.Arrays.stream(messageIds).sorted().toArray()) {
            Integer count = deliveryCount(id, queueName);
            if (count != null) {
                page.add(new StoredState.PagedMessage(id, count, messages.get(id)));
            }
        }
        return page;
    }

    /** False: the messages are on the heap here anyway. */
    @Override
    public boolean pagesToDisk() {
        return false;
    }

    @Override
    public synchronized CompletableFuture<Void> apply(List<StoreOp> unit) {
        Objects.requireNonNull(unit, "unit");
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("message store is closed"));
        }
        Deque<Runnable> undo = new ArrayDeque<>();
        try {
            for (StoreOp op : unit) {
                apply(Objects.requireNonNull(op, "op"), undo);
            }
        } catch (RuntimeException e) {
            undo.forEach(Runnable::run);
            return CompletableFuture.failedFuture(e instanceof StoreException
                    ? e
                    : new StoreException("unit of " + unit.size() + " ops was not applied: " + e, e));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "in memory";
    }

    private void apply(StoreOp op, Deque<Runnable> undo) {
        if (op instanceof StoreOp.AddQueue add) {
            QueueRecord previous = queues.put(add.queue().name(), add.queue());
            undo.push(() -> restore(queues, add.queue().name(), previous));
        } else if (op instanceof StoreOp.RemoveQueue remove) {
            removeQueue(remove.queueName(), undo);
        } else if (op instanceof StoreOp.AddMessage add) {
            MessageRecord message = Objects.requireNonNull(add.message(), "message");
            if (messages.putIfAbsent(add.messageId(), message) != null) {
                throw new StoreException("message " + add.messageId() + " is already stored");
            }
            undo.push(() -> messages.remove(add.messageId()));
            lastMessageId = Math.max(lastMessageId, add.messageId());
        } else if (op instanceof StoreOp.DeleteMessage delete) {
            if (!refsByMessage.containsKey(delete.messageId())) { // as H2MessageStore: only unreferenced ones
                MessageRecord previous = messages.remove(delete.messageId());
                undo.push(() -> restore(messages, delete.messageId(), previous));
            }
        } else if (op instanceof StoreOp.AddReference add) {
            if (deliveryCount(add.messageId(), add.queueName()) != null) {
                throw new StoreException("message " + add.messageId() + " is already on queue " + add.queueName());
            }
            putReference(add.messageId(), add.queueName(), 0);
            undo.push(() -> removeReference(add.messageId(), add.queueName()));
        } else if (op instanceof StoreOp.RemoveReference remove) {
            Integer previous = removeReference(remove.messageId(), remove.queueName());
            if (previous != null) {
                undo.push(() -> putReference(remove.messageId(), remove.queueName(), previous));
            }
        } else if (op instanceof StoreOp.UpdateDeliveryCount update) {
            Integer previous = deliveryCount(update.messageId(), update.queueName());
            if (previous != null) {
                putReference(update.messageId(), update.queueName(), update.deliveryCount());
                undo.push(() -> putReference(update.messageId(), update.queueName(), previous));
            }
        } else if (op instanceof StoreOp.AddDuplicateId add) {
            List<String> key = List.of(add.address(), add.duplicateId());
            StoredState.StoredDuplicateId previous = duplicateIds.put(key, new StoredState.StoredDuplicateId(
                    add.address(), add.duplicateId(), add.sequence(), add.addedAt()));
            undo.push(() -> restore(duplicateIds, key, previous));
        } else if (op instanceof StoreOp.RemoveDuplicateId remove) {
            List<String> key = List.of(remove.address(), remove.duplicateId());
            StoredState.StoredDuplicateId previous = duplicateIds.get(key);
            if (previous != null && previous.sequence() == remove.sequence()) {
                duplicateIds.remove(key);
                undo.push(() -> duplicateIds.put(key, previous));
            }
        } else if (op instanceof StoreOp.PrepareBranch prepare) {
            PreparedBranch branch = Objects.requireNonNull(prepare.branch(), "branch");
            String key = BranchCodec.key(branch.id());
            if (branches.putIfAbsent(key, branch) != null) {
                throw new StoreException("XA branch " + branch.id() + " is already prepared");
            }
            undo.push(() -> branches.remove(key));
        } else if (op instanceof StoreOp.RemoveBranch remove) {
            String key = BranchCodec.key(remove.id());
            PreparedBranch previous = branches.remove(key);
            undo.push(() -> restore(branches, key, previous));
        } else {
            throw new IllegalArgumentException("unknown store op " + op);
        }
    }

    /** Removes the queue, its references, and the messages only it referenced. */
    private void removeQueue(String queueName, Deque<Runnable> undo) {
        QueueRecord previous = queues.remove(queueName);
        undo.push(() -> restore(queues, queueName, previous));
        for (Long id : new ArrayList<>(refsByQueue.getOrDefault(queueName, Set.of()))) {
            int count = removeReference(id, queueName);
            undo.push(() -> putReference(id, queueName, count));
            if (!refsByMessage.containsKey(id)) {
                MessageRecord message = messages.remove(id);
                undo.push(() -> restore(messages, id, message));
            }
        }
    }

    private Integer deliveryCount(long messageId, String queueName) {
        Map<String, Integer> refs = refsByMessage.get(messageId);
        return refs == null ? null : refs.get(queueName);
    }

    private void putReference(long messageId, String queueName, int deliveryCount) {
        refsByMessage.computeIfAbsent(messageId, id -> new TreeMap<>()).put(queueName, deliveryCount);
        refsByQueue.computeIfAbsent(queueName, q -> new TreeSet<>()).add(messageId);
    }

    /** Returns the removed reference's delivery count, or null if there was none. */
    private Integer removeReference(long messageId, String queueName) {
        Map<String, Integer> refs = refsByMessage.get(messageId);
        Integer count = refs == null ? null : refs.remove(queueName);
        if (count == null) {
            return null;
        }
        if (refs.isEmpty()) {
            refsByMessage.remove(messageId);
        }
        Set<Long> ids = refsByQueue.get(queueName);
        ids.remove(messageId);
        if (ids.isEmpty()) {
            refsByQueue.remove(queueName);
        }
        return count;
    }

    private void removeDanglingReferences() {
        List<StoredState.StoredReference> dangling = new ArrayList<>();
        refsByMessage.forEach((id, refs) -> refs.forEach((queue, count) -> {
            if (!queues.containsKey(queue) || !messages.containsKey(id)) {
                dangling.add(new StoredState.StoredReference(id, queue, count));
            }
        }));
        dangling.forEach(ref -> removeReference(ref.messageId(), ref.queueName()));
    }

    private static <K, V> void restore(Map<K, V> map, K key, V previous) {
        if (previous == null) {
            map.remove(key);
        } else {
            map.put(key, previous);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("message store is closed");
        }
    }
}
