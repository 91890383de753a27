package dev.tern.broker.core;

import dev.tern.broker.store.QueueRecord;
import dev.tern.protocol.QueueStatistics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds messages waiting for consumers and hands them out: highest priority first, first in first
 * out within a priority, round-robin over the consumers that have room.
 *
 * <p>Everything that holds messages is a queue: a point-to-point queue, a topic subscription (durable,
 * shared or not) and a temporary queue. Dispatch runs serially on a shared executor, in bounded batches
 * so that one busy queue does not starve the others. A message handed to a consumer leaves the queue;
 * if it is not acknowledged it comes back through {@link #returnRefs}, to its original place.
 */
public final class MessageQueue {

    /** How many messages one dispatch run hands out before yielding the executor to other queues. */
    static final int DISPATCH_BATCH = 256;

    private final QueueRecord definition;
    private final boolean durable;
    private final QueueServices services;
    private final MessageFilter filter;
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeSet<MessageRef> pending = new TreeSet<>(MessageRef.DELIVERY_ORDER);
    private final TreeSet<MessageRef> delayed = new TreeSet<>(MessageRef.DUE_ORDER);
    private final List<QueueConsumer> consumers = new ArrayList<>();
    private final AtomicBoolean dispatchScheduled = new AtomicBoolean();
    private final AtomicInteger liveRefs = new AtomicInteger();
    private int nextConsumer;
    private boolean deleted;
    private volatile long localConnectionId;
    private long wakeUpRequestedFor = Long.MAX_VALUE;
    private long enqueuedCount;
    private long dispatchedCount;

    MessageQueue(QueueRecord definition, boolean durable, QueueServices services) {
        this.definition = definition;
        this.durable = durable;
        this.services = services;
        this.filter = MessageFilter.of(definition.selector());
    }

    public String name() {
        return definition.name();
    }

    public QueueRecord definition() {
        return definition;
    }

    /** True if the queue and its persistent messages are journaled. */
    public boolean isDurable() {
        return durable;
    }

    /** For a no-local subscription: the connection whose own messages it skips. */
    public void setLocalConnection(long connectionId) {
        this.localConnectionId = connectionId;
    }

    /** Whether a message published to this queue's topic belongs on it: not local if so asked, and selected. */
    boolean accepts(ServerMessage message) {
        return !(definition.noLocal() && message.senderConnectionId() == localConnectionId)
                && filter.matches(message.record());
    }

    /**
     * A new reference to a message on this queue. The message counts it from now on, so create every
     * reference of a routed message before enqueuing any of them.
     */
    public MessageRef createRef(ServerMessage message, int deliveryCount) {
        liveRefs.incrementAndGet();
        return new MessageRef(message, this, deliveryCount);
    }

    /** Counts a reference of this queue removed for good: acknowledged, expired, purged or discarded. */
    void refReleased() {
        liveRefs.decrementAndGet();
    }

    /**
     * Messages on this queue that no one has acknowledged yet: waiting, delayed, delivered and not yet
     * acknowledged, or on their way in (sent, not yet visible).
     */
    public int unacknowledgedCount() {
        return liveRefs.get();
    }

    /**
     * Places a message at the end of its priority and schedules delivery; a message with a delivery
     * time in the future waits until then. False if the queue is deleted.
     */
    public boolean enqueue(MessageRef ref) {
        boolean due;
        lock.lock();
        try {
            if (deleted) {
                return false;
            }
            enqueuedCount++;
            due = ref.deliveryTime() <= services.timer().now();
            if (due) {
                pending.add(ref);
            } else {
                delayed.add(ref);
                requestWakeUp();
            }
        } finally {
            lock.unlock();
        }
        if (due) {
            scheduleDispatch();
        }
        return true;
    }

    /**
     * Puts back messages that were handed out but not acknowledged, each at its original place.
     *
     * @return false if the queue was deleted meanwhile and took nothing back
     */
    public boolean returnRefs(Collection<MessageRef> refs) {
        if (refs.isEmpty()) {
            return true;
        }
        lock.lock();
        try {
            if (deleted) {
                return false;
            }
            pending.addAll(refs);
        } finally {
            lock.unlock();
        }
        scheduleDispatch();
        return true;
    }

    public void addConsumer(QueueConsumer consumer) {
        lock.lock();
        try {
            consumers.add(consumer);
        } finally {
            lock.unlock();
        }
        scheduleDispatch();
    }

    public void removeConsumer(QueueConsumer consumer) {
        lock.lock();
        try {
            consumers.remove(consumer);
        } finally {
            lock.unlock();
        }
    }

    public int consumerCount() {
        lock.lock();
        try {
            return consumers.size();
        } finally {
            lock.unlock();
        }
    }

    /** Messages waiting for a consumer, delayed ones included, not counting those in flight. */
    public int messageCount() {
        lock.lock();
        try {
            return pending.size() + delayed.size();
        } finally {
            lock.unlock();
        }
    }

    /** The messages a consumer could be given now, in delivery order, without taking them. */
    public List<MessageRef> browse() {
        lock.lock();
        try {
            long now = services.timer().now();
            promoteDue(now);
            return pending.stream().filter(ref -> !ref.isExpired(now)).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Takes expired messages off the queue; the broker's periodic sweep calls this. */
    public void expire() {
        List<MessageRef> expired = new ArrayList<>();
        lock.lock();
        try {
            long now = services.timer().now();
            removeExpired(pending, now, expired);
            removeExpired(delayed, now, expired);
        } finally {
            lock.unlock();
        }
        if (!expired.isEmpty()) {
            services.expired().accept(expired);
        }
    }

    /**
     * Takes every waiting message off the queue, delayed ones included; messages already handed to
     * consumers stay with them. The caller discards what is returned.
     */
    public List<MessageRef> purge() {
        lock.lock();
        try {
            List<MessageRef> removed = new ArrayList<>(pending);
            removed.addAll(delayed);
            pending.clear();
            delayed.clear();
            return removed;
        } finally {
            lock.unlock();
        }
    }

    /** Marks the queue deleted and takes every waiting message off it. */
    public List<MessageRef> delete() {
        lock.lock();
        try {
            deleted = true;
            List<MessageRef> removed = new ArrayList<>(pending);
            removed.addAll(delayed);
            pending.clear();
            delayed.clear();
            consumers.clear();
            return removed;
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of this queue's counters. */
    public QueueStatistics statistics() {
        lock.lock();
        try {
            return new QueueStatistics(name(), definition.address(), definition.topicSubscription(),
                    pending.size() + delayed.size(), consumers.size(), enqueuedCount, dispatchedCount);
        } finally {
            lock.unlock();
        }
    }

    /** Asks for a dispatch run; runs are serial and cheap to request. */
    public void scheduleDispatch() {
        if (dispatchScheduled.compareAndSet(false, true)) {
            services.dispatcher().execute(this::dispatch);
        }
    }

    /**
     * Runs a dispatch batch on the calling thread, so that a consumer that just asked for a message has
     * it pushed before the caller answers; the rest continues on the executor.
     */
    public void dispatchNow() {
        if (runBatch()) {
            scheduleDispatch();
        }
    }

    private void dispatch() {
        dispatchScheduled.set(false);
        if (runBatch()) {
            scheduleDispatch();
        }
    }

    /** Hands out one batch; true if more may be waiting. */
    private boolean runBatch() {
        boolean more;
        List<MessageRef> expired = new ArrayList<>();
        lock.lock();
        try {
            long now = services.timer().now();
            promoteDue(now);
            more = dispatchBatch(now, expired);
        } finally {
            lock.unlock();
        }
        if (!expired.isEmpty()) {
            services.expired().accept(expired);
        }
        return more;
    }

    /** Moves delayed messages whose time has come to the pending ones; wakes again for the next. */
    private void promoteDue(long now) {
        while (!delayed.isEmpty() && delayed.first().deliveryTime() <= now) {
            pending.add(delayed.pollFirst());
        }
        if (wakeUpRequestedFor <= now) {
            wakeUpRequestedFor = Long.MAX_VALUE;
        }
        requestWakeUp();
    }

    /** Asks the timer for a dispatch when the earliest delayed message is due, once per due time. */
    private void requestWakeUp() {
        if (!delayed.isEmpty() && delayed.first().deliveryTime() < wakeUpRequestedFor) {
            wakeUpRequestedFor = delayed.first().deliveryTime();
            services.timer().runAt(wakeUpRequestedFor, this::scheduleDispatch);
        }
    }

    private static void removeExpired(TreeSet<MessageRef> refs, long now, List<MessageRef> expired) {
        for (Iterator<MessageRef> it = refs.iterator(); it.hasNext(); ) {
            MessageRef ref = it.next();
            if (ref.isExpired(now)) {
                it.remove();
                expired.add(ref);
            }
        }
    }

    /** Hands out up to one batch; true if it stopped only because the batch was full. */
    private boolean dispatchBatch(long now, List<MessageRef> expired) {
        int handed = 0;
        Iterator<MessageRef> waiting = pending.iterator();
        while (waiting.hasNext() && !consumers.isEmpty()) {
            MessageRef ref = waiting.next();
            if (ref.isExpired(now)) {
                waiting.remove();
                expired.add(ref);
                continue;
            }
            Offer offer = offerToConsumers(ref);
            if (offer == Offer.TAKEN) {
                waiting.remove();
                dispatchedCount++;
                if (++handed == DISPATCH_BATCH) {
                    return waiting.hasNext();
                }
            } else if (offer == Offer.ALL_BUSY) {
                return false;
            }
        }
        return false;
    }

    private enum Offer { TAKEN, NOT_WANTED, ALL_BUSY }

    private Offer offerToConsumers(MessageRef ref) {
        int count = consumers.size();
        boolean anyRoom = false;
        for (int i = 0; i < count; i++) {
            int index = (nextConsumer + i) % count;
            DispatchResult result = consumers.get(index).offer(ref);
            if (result == DispatchResult.HANDLED) {
                nextConsumer = (index + 1) % count;
                return Offer.TAKEN;
            }
            anyRoom |= result == DispatchResult.NO_MATCH;
        }
        return anyRoom ? Offer.NOT_WANTED : Offer.ALL_BUSY;
    }

    @Override
    public String toString() {
        return "queue " + name();
    }
}
