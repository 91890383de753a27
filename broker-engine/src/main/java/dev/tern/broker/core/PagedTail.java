package dev.tern.broker.core;

import dev.tern.broker.store.LongList;

/**
 * The messages of a queue that are on disk only: their IDs, oldest first, 8 bytes each. Once a queue
 * pages, every later pageable message joins this tail until it has been read back, so that messages
 * stay in arrival order. Guarded by the queue's lock.
 */
final class PagedTail {

    private final LongList ids = new LongList();
    private int beingRead;

    /** True while some messages are on disk only or being read back. */
    boolean isActive() {
        return !ids.isEmpty() || beingRead > 0;
    }

    /** How many messages are on disk only, those being read back included. */
    int count() {
        return ids.size() + beingRead;
    }

    /** True while a batch is being read back: the next must wait for it, or the batches could land out of order. */
    boolean isReading() {
        return beingRead > 0;
    }

    boolean hasWaiting() {
        return !ids.isEmpty();
    }

    void add(long messageId) {
        ids.add(messageId);
    }

    void addAll(long[] messageIds) {
        ids.addAll(messageIds);
    }

    /** Takes the oldest IDs to read back; they count as being read until {@link #doneReading}. */
    long[] startReading(int max) {
        long[] batch = ids.takeFirst(max);
        beingRead += batch.length;
        return batch;
    }

    void doneReading(long[] batch) {
        beingRead -= batch.length;
    }

    /** Puts a batch that could not be read back in front, to try again later. */
    void readFailed(long[] batch) {
        beingRead -= batch.length;
        ids.addFirst(batch);
    }

    /** Forgets every ID not being read and returns them. */
    long[] clear() {
        long[] all = ids.toArray();
        ids.clear();
        return all;
    }

    /** A copy of the IDs not being read, oldest first. */
    long[] snapshot() {
        return ids.toArray();
    }
}
