package dev.tern.broker.core;

import dev.tern.broker.policy.AddressPolicy;
import dev.tern.broker.policy.PolicySettings;
import dev.tern.broker.store.StoreOp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The messages one topic retains for replay, in the order they were journaled, kept whether or not
 * subscriptions have consumed them, and trimmed oldest first by age ({@code retentionMillis}), count
 * ({@code retentionMessages}) and size ({@code retentionBytes}).
 *
 * <p>In the journal the log is a queue named {@code retained:TOPIC} that references every retained
 * persistent message, so those messages outlive their last subscription and a restart. In memory it
 * keeps about 64 bytes per message: ID, time, size and sender. A message's object is kept only while it
 * cannot be read back from the journal: until its unit is durable, and for good if it is non-persistent
 * or the store is in memory. {@link Replayer} copies ranges of the log into new subscriptions.
 *
 * <p>Entries are appended inside {@link Journal}'s unit building, under its lock, so the log's order is
 * the store's order and a subscription bound under the same lock sees each message exactly once.
 */
public final class RetentionLog {

    /** The prefix of the journal queue that holds a topic's retained messages. */
    public static final String QUEUE_PREFIX = "retained:";

    /** One retained message. {@code seq} numbers entries in log order, without gaps. */
    static final class Entry {
        final long seq;
        final long messageId;
        /** JMSTimestamp, or the broker's time at arrival if the message has none: what age and replay use. */
        final long time;
        final int size;
        final long sender;
        final boolean stored;
        volatile ServerMessage held;

        Entry(long seq, ServerMessage message, long time, boolean keep) {
            this.seq = seq;
            this.messageId = message.id();
            this.time = time;
            this.size = message.memorySize();
            this.sender = message.senderConnectionId();
            this.stored = message.isStored();
            this.held = keep || !stored ? message : null;
        }
    }

    /** An atomic view of the log: its entries and the sequence number the next entry will get. */
    record Snapshot(List<Entry> entries, long endSeq) {
    }

    private final String address;
    private final String queueName;
    private final boolean pageable;
    private final Supplier<AddressPolicy> policy;
    private final List<MessageQueue> replaySubscribers = new CopyOnWriteArrayList<>();
    private final ArrayList<Entry> entries = new ArrayList<>();
    private int head;
    private long nextSeq;
    private long bytes;

    /**
     * @param address the topic address
     * @param pageable true if stored messages can be read back from the journal, so the log need not hold them
     * @param policy the topic's policy as it is now
     */
    RetentionLog(String address, boolean pageable, Supplier<AddressPolicy> policy) {
        this.address = address;
        this.queueName = queueName(address);
        this.pageable = pageable;
        this.policy = policy;
    }

    /** The journal queue of a topic's retained messages. */
    public static String queueName(String topicAddress) {
        return QUEUE_PREFIX + topicAddress;
    }

    public String address() {
        return address;
    }

    /** The name of the journal queue that references the retained messages. */
    public String queueName() {
        return queueName;
    }

    /** Messages retained now. */
    public synchronized int count() {
        return entries.size() - head;
    }

    /** Bytes of messages retained now, estimated as queue limits estimate them. */
    public synchronized long bytes() {
        return bytes;
    }

    /**
     * Appends a message being journaled in {@code unit}: adds its reference there if it is stored, and the
     * removals of the oldest entries if the log is now over its count or size limit.
     */
    synchronized Entry append(ServerMessage message, long now, List<StoreOp> unit) {
        long time = message.record().timestamp() != 0 ? message.record().timestamp() : now;
        Entry entry = new Entry(nextSeq++, message, time, true);
        if (entry.stored) {
            unit.add(new StoreOp.AddReference(entry.messageId, queueName));
        }
        entries.add(entry);
        bytes += entry.size;
        trimToLimits(unit);
        return entry;
    }

    /** Restores an entry read back from the journal at start-up, in log order. */
    synchronized void restore(ServerMessage message, long now) {
        long time = message.record().timestamp() != 0 ? message.record().timestamp() : now;
        entries.add(new Entry(nextSeq++, message, time, !pageable));
        bytes += message.memorySize();
    }

    /** The entry's unit is durable: a stored message can now be read back, so the log lets go of it. */
    void settled(Entry entry) {
        if (pageable && entry.stored) {
            entry.held = null;
        }
    }

    /** The entry's unit failed: the message was never retained. */
    synchronized void failed(Entry entry) {
        for (int i = entries.size() - 1; i >= head; i--) {
            if (entries.get(i) == entry) {
                entries.remove(i);
                bytes -= entry.size;
                return;
            }
        }
    }

    /**
     * Drops the entries that are too old for {@code retentionMillis} at {@code now}, or over the limits,
     * or all of them if retention is off; returns the store operations that forget them.
     */
    synchronized List<StoreOp> trim(long now) {
        List<StoreOp> unit = new ArrayList<>();
        long keepMillis = policy.get().get(PolicySettings.RETENTION_MILLIS);
        while (head < entries.size()) {
            Entry oldest = entries.get(head);
            boolean tooOld = keepMillis == 0 || (keepMillis > 0 && oldest.time + keepMillis <= now);
            if (!tooOld) {
                break;
            }
            dropOldest(unit);
        }
        trimToLimits(unit);
        compact();
        return unit;
    }

    /** Every entry now, oldest first, with the next sequence number. */
    synchronized Snapshot snapshot() {
        return new Snapshot(List.copyOf(entries.subList(head, entries.size())), nextSeq);
    }

    /** The entries from sequence number {@code seq} on, oldest first. */
    synchronized List<Entry> entriesFrom(long seq) {
        List<Entry> from = new ArrayList<>();
        for (int i = head; i < entries.size(); i++) {
            if (entries.get(i).seq >= seq) {
                from.add(entries.get(i));
            }
        }
        return from;
    }

    /** Registers a subscription filled by replay; see {@link #lateSubscribers}. */
    void addReplaySubscriber(MessageQueue queue) {
        replaySubscribers.add(queue);
    }

    void removeReplaySubscriber(MessageQueue queue) {
        replaySubscribers.remove(queue);
    }

    /**
     * The replay subscriptions that want a message being retained but were not among its targets: it was
     * routed before they were bound and reaches the journal after their replay was taken, so it belongs to
     * neither their replay nor their live messages unless it is added here.
     */
    List<MessageQueue> lateSubscribers(ServerMessage message, List<MessageQueue> targets) {
        if (replaySubscribers.isEmpty()) {
            return List.of();
        }
        List<MessageQueue> late = new ArrayList<>();
        for (MessageQueue queue : replaySubscribers) {
            if (!targets.contains(queue) && queue.accepts(message)) {
                late.add(queue);
            }
        }
        return late;
    }

    private void trimToLimits(List<StoreOp> unit) {
        AddressPolicy current = policy.get();
        long maxMessages = current.get(PolicySettings.RETENTION_MESSAGES);
        long maxBytes = current.get(PolicySettings.RETENTION_BYTES);
        while (head < entries.size()
                && ((maxMessages >= 0 && entries.size() - head > maxMessages) || (maxBytes >= 0 && bytes > maxBytes))) {
            dropOldest(unit);
        }
        compact();
    }

    private void dropOldest(List<StoreOp> unit) {
        Entry oldest = entries.get(head);
        entries.set(head++, null);
        bytes -= oldest.size;
        oldest.held = null;
        if (oldest.stored) {
            unit.add(new StoreOp.RemoveReference(oldest.messageId, queueName));
            unit.add(new StoreOp.DeleteMessage(oldest.messageId));
        }
    }

    private void compact() {
        if (head > 1024 && head > entries.size() / 2) {
            entries.subList(0, head).clear();
            head = 0;
        }
    }

    @Override
    public String toString() {
        return "retention log of " + address;
    }
}
