package dev.tern.broker.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the broker keeps what must survive a restart: durable queues, persistent messages and
 * which queue holds which message.
 *
 * <p>Every change passes through {@link #apply}: one unit of work, applied atomically. The returned
 * future completes only once the unit is durable (synced to disk, for a store on disk), so the
 * broker can answer a send or an acknowledgment then and not before. Implementations may group
 * units from many callers into one commit; units complete in the order they were applied.
 *
 * <p>Ordering contract: units are applied in the order {@code apply} was called.
 */
public interface MessageStore extends AutoCloseable {

    /** Reads everything stored, to rebuild the broker's state at start-up. Called once, before {@link #apply}. */
    StoredState load();

    /**
     * Reads the queues and which messages each holds, but not the messages: what a broker that pages
     * needs at start-up, with the highest message ID ever stored, above which the broker numbers new
     * messages, and the prepared XA branches. Like {@link #load}, it first drops references to queues that
     * are gone, and messages that no queue references and no prepared branch sends; a store on disk need
     * not read every message to look for other damage. Called once, before {@link #apply}, instead of
     * {@link #load}. This default reads everything with {@link #load}, and knows only the IDs of messages
     * still stored; a store on disk reads just the index.
     */
    default StoredIndex loadIndex() {
        StoredState state = load();
        java.util.Map<String, LongList> ids = new java.util.HashMap<>();
        for (StoredState.StoredReference reference : state.references()) {
            ids.computeIfAbsent(reference.queueName(), queue -> new LongList()).add(reference.messageId());
        }
        java.util.Map<String, long[]> arrays = new java.util.HashMap<>();
        ids.forEach((queue, list) -> arrays.put(queue, list.toArray()));
        List<StoredState.StoredMessage> messages = state.messages();
        long lastMessageId = messages.isEmpty() ? 0 : messages.get(messages.size() - 1).messageId();
        return new StoredIndex(state.queues(), arrays, state.duplicateIds(), lastMessageId, state.branches());
    }

    /**
     * Reads messages a queue holds, with their delivery counts there, in ascending ID order. IDs the
     * queue no longer holds, and messages that cannot be decoded (logged), are left out. May be called
     * from any thread while units are applied; it sees units that have completed.
     *
     * @throws UnsupportedOperationException by this default, for a store that cannot page
     */
    default List<StoredState.PagedMessage> readPage(String queueName, long[] messageIds) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot read messages back");
    }

    /**
     * Reads stored messages by ID, referenced by a queue or not (those a prepared XA branch sends are not), in
     * ascending ID order; IDs not stored, and messages that cannot be decoded (logged), are left out. Called at
     * start-up, after {@link #loadIndex}; this default reads everything with {@link #load}.
     */
    default List<StoredState.StoredMessage> readMessages(long[] messageIds) {
        java.util.Set<Long> wanted = java.util.Arrays.stream(messageIds).boxed().collect(java.util.stream.Collectors.toSet());
        return load().messages().stream().filter(message -> wanted.contains(message.messageId())).toList();
    }

    /**
     * True if stored messages live outside the heap, so that a queue can keep most of them only here
     * (paging) and save memory; false, by default, for a store in memory, where that would save nothing.
     */
    default boolean pagesToDisk() {
        return false;
    }

    /**
     * Applies one unit of work atomically.
     *
     * @return completes when the unit is durable, or exceptionally if it could not be applied, in
     *     which case none of it took effect
     */
    CompletableFuture<Void> apply(List<StoreOp> unit);

    /**
     * Applies a unit that nobody waits to see on disk: it is written in order with the other units, but
     * the store need not sync for it alone; the next sync covers it. Once written it survives a crash
     * of the process (the operating system holds it), not necessarily one of the machine. The future
     * completes once it is written. By default, the same as {@link #apply}.
     */
    default CompletableFuture<Void> applyLazily(List<StoreOp> unit) {
        return apply(unit);
    }

    /** Finishes the units in flight, then releases files and threads. */
    @Override
    void close();

    /** Number of units applied since the store opened; 0 by default, for a store that does not count them. */
    default long unitCount() {
        return 0;
    }

    /** Number of commits made durable since the store opened, each of one or more units; 0 by default. */
    default long commitCount() {
        return 0;
    }

    /** Tells an observer of every commit made durable from now on, replacing the one before; for metrics. */
    default void observe(JournalObserver observer) {
    }

    /** How many bytes the store takes on disk; 0 by default, for a store that cannot tell. */
    default long sizeBytes() {
        return 0;
    }

    /** False while the store cannot write, for a health check; true by default. */
    default boolean isHealthy() {
        return true;
    }
}
