package dev.tern.broker.core;

import dev.tern.protocol.MessageRecord;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A message inside the broker: the record, the broker's internal ID, which orders messages by arrival,
 * how many queues still hold it, and how many of those references the journal holds too, so that the
 * stored copy is deleted with the last stored reference, whatever non-durable queues still hold in memory.
 *
 * <p>A message read back from the journal is a new object (see {@link MessageQueue}); each object counts
 * the stored references made through it, and the store keeps a message that another still references.
 */
public final class ServerMessage {

    /** Headers, the record and this object, roughly; what a message with no body or properties costs. */
    private static final int FIXED_OVERHEAD = 256;
    private static final int ENTRY_OVERHEAD = 48;

    private final long id;
    private final MessageRecord record;
    private final long senderConnectionId;
    private final int memorySize;
    private final AtomicInteger references = new AtomicInteger();
    private final AtomicInteger storedReferences = new AtomicInteger();
    private volatile boolean stored;
    private final long arrivedNanos = System.nanoTime();

    public ServerMessage(long id, MessageRecord record, long senderConnectionId) {
        this.id = id;
        this.record = record;
        this.senderConnectionId = senderConnectionId;
        this.memorySize = estimateMemorySize(record);
    }

    public long id() {
        return id;
    }

    /** When the message reached this broker process ({@link System#nanoTime}): sent, moved or read at start-up. */
    public long arrivedNanos() {
        return arrivedNanos;
    }

    public MessageRecord record() {
        return record;
    }

    /** The connection that sent the message, for no-local subscriptions; 0 when unknown (after a restart). */
    public long senderConnectionId() {
        return senderConnectionId;
    }

    public int priority() {
        return record.priority();
    }

    /** Roughly how many bytes of heap the message takes: what queue limits in bytes count. */
    public int memorySize() {
        return memorySize;
    }

    /**
     * True while the message is in the journal as far as this object knows: from when it is journaled (or
     * read back) until its last stored reference is removed. Changes to a message not stored are not journaled.
     */
    public boolean isStored() {
        return stored;
    }

    /** Notes that the message is in the journal. */
    public void markStored() {
        stored = true;
    }

    /** Counts a reference to the message that the journal holds, on a durable queue; the message is stored. */
    void addStoredReference() {
        storedReferences.incrementAndGet();
        stored = true;
    }

    /**
     * Drops one stored reference. True when it was the last one made through this object: the message then
     * leaves the journal, and from now on counts as not stored, so nothing more is journaled for it.
     */
    boolean releaseStoredReference() {
        if (storedReferences.decrementAndGet() == 0) {
            stored = false;
            return true;
        }
        return false;
    }

    private static int estimateMemorySize(MessageRecord record) {
        int size = FIXED_OVERHEAD + record.bodySize();
        for (Map.Entry<String, Object> property : record.properties().entrySet()) {
            size += ENTRY_OVERHEAD + 2 * property.getKey().length()
                    + (property.getValue() instanceof String text ? 2 * text.length() : Long.BYTES);
        }
        return size;
    }

    void addReference() {
        references.incrementAndGet();
    }

    /** Drops one reference; true when it was the last. */
    public boolean releaseReference() {
        return references.decrementAndGet() == 0;
    }
}
