package dev.tern.broker.core;

import dev.tern.broker.policy.CachedPolicy;
import dev.tern.broker.policy.AddressPolicy;
import dev.tern.broker.policy.FullPolicy;
import dev.tern.broker.policy.PolicySettings;
import dev.tern.broker.store.QueueRecord;
import dev.tern.protocol.QueueStatistics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds messages waiting for consumers and hands them out: highest priority first, first in first
 * out within a priority, to the consumers {@link ConsumerChoice} picks: round-robin over those with
 * room, the owner of a message group, or the active one of an exclusive queue.
 *
 * <p>Everything that holds messages is a queue: a point-to-point queue, a topic subscription (durable,
 * shared or not) and a temporary queue. Dispatch runs serially on a shared executor, in bounded batches
 * so that one busy queue does not starve the others. A message handed to a consumer leaves the queue;
 * if it is not acknowledged it comes back through {@link #returnRefs}, to its original place, or among
 * the delayed messages until its redelivery delay ends.
 *
 * <p>The queue's {@linkplain AddressPolicy policy} may limit how many messages and bytes it holds
 * waiting (messages handed out and not yet acknowledged do not count). Senders ask {@link #hasRoomOrWait}
 * before they send; a queue with the {@link FullPolicy#DROP_OLDEST} policy instead drops its head to make room.
 *
 * <p><b>Paging.</b> With the {@link FullPolicy#PAGE} policy (the default), a durable queue whose
 * journal is on disk keeps in memory only up to its limits: a persistent message arriving beyond them
 * stays in the journal only, and the queue remembers its ID in a {@link PagedTail}. When consumers
 * have taken the messages in memory down to half the limits, the dispatcher reads the next ones back,
 * in batches, oldest first. Messages arriving while the tail exists join it, to keep arrival order;
 * non-persistent messages are never paged and may overtake paged ones. Messages read back are new
 * objects, so a message on several queues may be in memory more than once; the store deletes it only
 * when no queue references it.
 */
public final class MessageQueue {

    /** How many messages one dispatch run hands out before yielding the executor to other queues. */
    static final int DISPATCH_BATCH = 256;
    /** How many paged messages are read back at a time. */
    static final int PAGE_IN_BATCH = 512;
    /** The most paged messages a browser is shown after those in memory. */
    static final int BROWSE_PAGED_LIMIT = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(MessageQueue.class);

    private volatile QueueRecord definition;
    private final boolean durable;
    private final QueueServices services;
    private final MessageFilter filter;
    private final CachedPolicy policy;
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeSet<MessageRef> pending = new TreeSet<>(MessageRef.DELIVERY_ORDER);
    private final TreeSet<MessageRef> delayed = new TreeSet<>(MessageRef.DUE_ORDER);
    private final List<QueueConsumer> consumers = new ArrayList<>();
    private final List<Runnable> roomWaiters = new ArrayList<>();
    private final PagedTail paged = new PagedTail();
    private final AtomicBoolean dispatchScheduled = new AtomicBoolean();
    private final AtomicInteger liveRefs = new AtomicInteger();
    private final LongAdder releasedCount = new LongAdder();
    private final LongAdder expiredCount = new LongAdder();
    private final LongAdder deadLetteredCount = new LongAdder();
    private final ConsumerChoice choice = new ConsumerChoice();
    private boolean deleted;
    private volatile CompletableFuture<Void> stored = CompletableFuture.completedFuture(null);
    private volatile long localConnectionId;
    private long wakeUpRequestedFor = Long.MAX_VALUE;
    private long enqueuedCount;
    private long dispatchedCount;
    private long bytes;


    MessageQueue(QueueRecord definition, boolean durable, QueueServices services) {
        this.definition = definition;
        this.durable = durable;
        this.services = services;
        this.filter = MessageFilter.of(definition.selector());
        this.policy = new CachedPolicy(services.policies(), definition.address());
    }

    public String name() {
        return definition.name();
    }

    public QueueRecord definition() {
        return definition;
    }

    /**
     * True once the queue is deleted. The journal then holds none of its references, and a queue created
     * later under the same name (a subscription replaced) holds its own.
     */
    public boolean isDeleted() {
        lock.lock();
        try {
            return deleted;
        } finally {
            lock.unlock();
        }
    }

    /** True if the queue and its persistent messages are journaled. */
    public boolean isDurable() {
        return durable;
    }

    /**
     * Completes once the journal holds the queue's definition and what a replay copied into it, or fails
     * if it could not store them: a consumer that created the queue is answered then, so that nothing it
     * acknowledges can reach the journal first. Complete at once for a queue nobody had to wait for.
     */
    public CompletableFuture<Void> stored() {
        return stored;
    }

    /** The queue counts as stored only once this unit is durable too. */
    synchronized void storedAfter(CompletableFuture<?> unit) {
        stored = CompletableFuture.allOf(stored, unit);
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

    /** A reference for a message read back from disk; it was counted when it was first enqueued. */
    MessageRef pagedInRef(ServerMessage message, int deliveryCount) {
        return new MessageRef(message, this, deliveryCount);
    }

    /** At start-up: the messages the journal holds for this queue, left on disk until consumers need them. */
    public void restorePaged(long[] messageIds) {
        lock.lock();
        try {
            paged.addAll(messageIds);
            liveRefs.addAndGet(messageIds.length);
            enqueuedCount += messageIds.length;
        } finally {
            lock.unlock();
        }
        scheduleDispatch();
    }

    /** Counts a reference of this queue removed for good: acknowledged, expired, purged or discarded. */
    void refReleased() {
        liveRefs.decrementAndGet();
        releasedCount.increment();
    }

    /** Stops counting a reference whose send failed, so it never reached the queue: nothing left it either. */
    void refNeverEnqueued() {
        liveRefs.decrementAndGet();
    }

    /** Counts a message of this queue moved to its dead-letter queue, or dropped for want of one. */
    void countDeadLettered() {
        deadLetteredCount.increment();
    }

    /** True if an operator paused the queue: it takes messages and keeps them, and delivers none. */
    public boolean isPaused() {
        return definition.paused();
    }

    /**
     * Pauses or resumes delivery. Messages already delivered stay with their consumers; a resumed queue
     * delivers what waits at once. The caller journals the changed {@link #definition} of a durable queue.
     */
    void setPaused(boolean paused) {
        lock.lock();
        try {
            definition = definition.withPaused(paused);
        } finally {
            lock.unlock();
        }
        if (!paused) {
            scheduleDispatch();
        }
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
     *
     * <p>A message that is not journaled, arriving at an idle queue with nothing else waiting and no
     * dispatch run scheduled, is offered to the consumers at once on the sender's thread (direct
     * delivery), saving the hand-off to the dispatcher. Journaled messages arrive on the journal's
     * thread once durable, which must get back to committing, so they go through a scheduled run, as
     * does everything else. Safe for the lock order: the caller holds at most its own session's
     * monitor, and delivery takes only consumers' delivery locks.
     */
    public boolean enqueue(MessageRef ref) {
        boolean due;
        boolean direct;
        List<MessageRef> dropped = List.of();
        lock.lock();
        try {
            if (deleted) {
                return false;
            }
            enqueuedCount++;
            if (shouldPageOut(ref)) {
                paged.add(ref.message().id());
                return true;
            }
            due = place(ref, services.timer().now());
            direct = due && !ref.message().isStored() && pending.size() == 1 && !dispatchScheduled.get()
                    && !consumers.isEmpty() && !definition.paused();
            if (policy().get(PolicySettings.FULL_POLICY) == FullPolicy.DROP_OLDEST) {
                dropped = dropHeadWhileFull();
            }
        } finally {
            lock.unlock();
        }
        if (!dropped.isEmpty()) {
            services.dropped().accept(dropped);
        }
        if (direct) {
            dispatchNow();
        } else if (due) {
            scheduleDispatch();
        }
        return true;
    }

    /** Adds a reference to the pending or the delayed messages; true if it is due now. Under the lock. */
    private boolean place(MessageRef ref, long now) {
        bytes += sizeOf(ref);
        if (ref.deliveryTime() <= now) {
            pending.add(ref);
            return true;
        }
        delayed.add(ref);
        requestWakeUp();
        return false;
    }

    /**
     * True if a message arriving now should stay on disk only: it is journaled, the policy pages, and
     * the queue already pages or memory is at its limits.
     */
    private boolean shouldPageOut(MessageRef ref) {
        return durable && ref.message().isStored() && services.pages().pagesToDisk()
                && policy().get(PolicySettings.FULL_POLICY) == FullPolicy.PAGE
                && (paged.isActive() || exceedsLimitsWith(1, inMemoryCount()));
    }

    /** True if memory is at most half full, so reading paged messages back is worth it. */
    private boolean belowPageInMark() {
        AddressPolicy policy = policy();
        long maxMessages = policy.get(PolicySettings.MAX_MESSAGES);
        long maxBytes = policy.get(PolicySettings.MAX_BYTES);
        return (maxMessages < 0 || inMemoryCount() < maxMessages / 2) && (maxBytes < 0 || bytes < maxBytes / 2);
    }

    /**
     * Reads the next batch of paged messages back if consumers are there and memory has room, and no other batch
     * is being read: two dispatches may run at once, and batches read side by side could be placed out of order.
     * Runs on the dispatcher, never under the lock, as it reads the journal.
     */
    private void pageIn() {
        long[] batch;
        lock.lock();
        try {
            if (!canPageIn()) {
                return;
            }
            batch = paged.startReading(PAGE_IN_BATCH);
        } finally {
            lock.unlock();
        }
        List<MessageRef> refs;
        try {
            refs = services.pages().read(this, batch);
        } catch (RuntimeException e) {
            LOG.error("Cannot read {} paged messages of {} back; will try again", batch.length, this, e);
            lock.lock();
            try {
                paged.readFailed(batch);
            } finally {
                lock.unlock();
            }
            return;
        }
        boolean queueGone;
        lock.lock();
        try {
            paged.doneReading(batch);
            liveRefs.addAndGet(refs.size() - batch.length);
            queueGone = deleted;
            if (!queueGone) {
                long now = services.timer().now();
                refs.forEach(ref -> place(ref, now));
            }
        } finally {
            lock.unlock();
        }
        if (queueGone) {
            services.dropped().accept(refs);
        }
    }

    /** True if more paged messages should be read back now. */
    private boolean wantsPageIn() {
        lock.lock();
        try {
            return canPageIn();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: consumers wait, memory has room, and paged messages wait with none being read. */
    private boolean canPageIn() {
        return !deleted && !definition.paused() && !consumers.isEmpty() && paged.hasWaiting() && !paged.isReading()
                && belowPageInMark();
    }

    /** The settings that apply to this queue now. */
    public AddressPolicy policy() {
        return policy.get();
    }

    /**
     * True if the queue holds less than its policy allows. Otherwise false, and {@code onRoom} runs once,
     * on a dispatch thread, when the queue next has room or is deleted.
     */
    public boolean hasRoomOrWait(Runnable onRoom) {
        lock.lock();
        try {
            if (deleted || !isFull()) {
                return true;
            }
            roomWaiters.add(onRoom);
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a waiter registered by {@link #hasRoomOrWait} that no longer needs to run. */
    public void stopWaiting(Runnable onRoom) {
        lock.lock();
        try {
            roomWaiters.remove(onRoom);
        } finally {
            lock.unlock();
        }
    }

    /** True if the queue holds as many messages or bytes as its policy allows, or more. */
    public boolean isFull() {
        lock.lock();
        try {
            return isFullLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes senders waiting for room if a policy change gave them some. */
    public void policyChanged() {
        wakeWaitersIfRoom();
    }

    /** True if one more message would not fit. */
    private boolean isFullLocked() {
        return exceedsLimitsWith(1, waitingCount());
    }

    /**
     * True if {@code extra} more messages, or bytes, would take {@code messages} messages and the bytes
     * in memory past a limit of the policy.
     */
    private boolean exceedsLimitsWith(int extra, int messages) {
        AddressPolicy policy = policy();
        long maxMessages = policy.get(PolicySettings.MAX_MESSAGES);
        long maxBytes = policy.get(PolicySettings.MAX_BYTES);
        return (maxMessages >= 0 && messages + extra > maxMessages)
                || (maxBytes >= 0 && bytes + extra > maxBytes);
    }

    /**
     * Drops waiting messages from the head of the delivery order (the oldest of the highest priority)
     * until the queue is within its limits, keeping at least the newest.
     */
    private List<MessageRef> dropHeadWhileFull() {
        List<MessageRef> dropped = new ArrayList<>();
        while (exceedsLimitsWith(0, waitingCount()) && inMemoryCount() > 1) {
            MessageRef head = pending.isEmpty() ? delayed.pollFirst() : pending.pollFirst();
            bytes -= sizeOf(head);
            dropped.add(head);
        }
        return dropped;
    }

    private void wakeWaitersIfRoom() {
        List<Runnable> woken;
        lock.lock();
        try {
            if (roomWaiters.isEmpty() || (!deleted && isFullLocked())) {
                return;
            }
            woken = new ArrayList<>(roomWaiters);
            roomWaiters.clear();
        } finally {
            lock.unlock();
        }
        woken.forEach(services.dispatcher()::execute);
    }

    private static long sizeOf(MessageRef ref) {
        return ref.message().memorySize();
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
            long now = services.timer().now();
            for (MessageRef ref : refs) {
                bytes += sizeOf(ref);
                if (ref.deliveryTime() <= now) {
                    pending.add(ref);
                } else {
                    delayed.add(ref);
                }
            }
            requestWakeUp();
        } finally {
            lock.unlock();
        }
        scheduleDispatch();
        return true;
    }

    /**
     * Takes the waiting messages a predicate picks off the queue, delayed ones included, for an operator
     * moving them elsewhere; they are the caller's to enqueue or acknowledge.
     */
    public List<MessageRef> takeWaiting(java.util.function.Predicate<MessageRef> picked) {
        List<MessageRef> taken = new ArrayList<>();
        lock.lock();
        try {
            for (TreeSet<MessageRef> refs : List.of(pending, delayed)) {
                for (Iterator<MessageRef> it = refs.iterator(); it.hasNext(); ) {
                    MessageRef ref = it.next();
                    if (picked.test(ref)) {
                        it.remove();
                        bytes -= sizeOf(ref);
                        taken.add(ref);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        if (!taken.isEmpty()) {
            wakeWaitersIfRoom();
        }
        return taken;
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

    /** Removes a consumer; what it held back, an exclusive queue or its message groups, goes to the others. */
    public void removeConsumer(QueueConsumer consumer) {
        lock.lock();
        try {
            consumers.remove(consumer);
            choice.removed(consumer);
        } finally {
            lock.unlock();
        }
        scheduleDispatch();
    }

    public int consumerCount() {
        lock.lock();
        try {
            return consumers.size();
        } finally {
            lock.unlock();
        }
    }

    /** How many message groups are bound to a consumer now. */
    public int ownedGroupCount() {
        lock.lock();
        try {
            return choice.ownedGroups();
        } finally {
            lock.unlock();
        }
    }

    /** Messages waiting for a consumer, delayed ones included, not counting those in flight. */
    public int messageCount() {
        lock.lock();
        try {
            return waitingCount();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes the waiting messages in memory take, as estimated for the queue's {@code maxBytes} limit. */
    public long memoryBytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /** Messages waiting on disk only (paged out), those being read back included. */
    public int pagedCount() {
        lock.lock();
        try {
            return paged.count();
        } finally {
            lock.unlock();
        }
    }

    /** Messages waiting, paged ones included. */
    private int waitingCount() {
        return inMemoryCount() + paged.count();
    }

    private int inMemoryCount() {
        return pending.size() + delayed.size();
    }

    /**
     * The messages a consumer could be given now, without taking them: those in memory in delivery
     * order, then up to {@value #BROWSE_PAGED_LIMIT} paged ones, read back from disk, in arrival order.
     */
    public List<MessageRef> browse() {
        List<MessageRef> browsed;
        long[] pagedIds;
        long now;
        lock.lock();
        try {
            now = services.timer().now();
            promoteDue(now);
            browsed = new ArrayList<>(pending.stream().filter(ref -> !ref.isExpired(now)).toList());
            pagedIds = paged.snapshot();
        } finally {
            lock.unlock();
        }
        for (int from = 0; from < Math.min(pagedIds.length, BROWSE_PAGED_LIMIT); from += PAGE_IN_BATCH) {
            long[] batch = java.util.Arrays.copyOfRange(pagedIds, from,
                    Math.min(Math.min(pagedIds.length, BROWSE_PAGED_LIMIT), from + PAGE_IN_BATCH));
            services.pages().read(this, batch).stream()
                    .filter(ref -> !ref.isExpired(now) && ref.deliveryTime() <= now)
                    .forEach(browsed::add);
        }
        return browsed;
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
            expiredCount.add(expired.size());
            services.expired().accept(expired);
            wakeWaitersIfRoom();
        }
    }

    /**
     * What {@link #purge} took: the references in memory, for the caller to discard, and how many paged ones
     * it discarded itself.
     */
    public record Purged(List<MessageRef> inMemory, int paged) {

        /** Every message purged. */
        public int count() {
            return inMemory.size() + paged;
        }
    }

    /**
     * Takes every waiting message off the queue, delayed and paged ones included; messages already handed to
     * consumers stay with them. The caller discards the references in memory.
     */
    public Purged purge() {
        List<MessageRef> removed;
        long[] pagedIds;
        lock.lock();
        try {
            removed = new ArrayList<>(pending);
            removed.addAll(delayed);
            pending.clear();
            delayed.clear();
            bytes = 0;
            pagedIds = paged.clear();
            liveRefs.addAndGet(-pagedIds.length);
            releasedCount.add(pagedIds.length);
        } finally {
            lock.unlock();
        }
        services.pages().discard(this, pagedIds);
        wakeWaitersIfRoom();
        return new Purged(removed, pagedIds.length);
    }

    /** Marks the queue deleted and takes every waiting message off it. */
    public List<MessageRef> delete() {
        List<MessageRef> removed;
        lock.lock();
        try {
            deleted = true;
            removed = new ArrayList<>(pending);
            removed.addAll(delayed);
            pending.clear();
            delayed.clear();
            bytes = 0;
            paged.clear(); // the journal drops the queue with all its references
            consumers.clear();
        } finally {
            lock.unlock();
        }
        wakeWaitersIfRoom();
        return removed;
    }

    /** A snapshot of this queue's counters. */
    public QueueStatistics statistics() {
        lock.lock();
        try {
            int waiting = waitingCount();
            return new QueueStatistics(name(), definition.address(), definition.topicSubscription(),
                    definition.paused(), waiting, Math.max(0, liveRefs.get() - waiting), paged.count(),
                    consumers.size(), enqueuedCount, dispatchedCount, releasedCount.sum(), expiredCount.sum(),
                    deadLetteredCount.sum());
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
        if (runBatch() || wantsPageIn()) {
            scheduleDispatch();
        }
    }

    private void dispatch() {
        dispatchScheduled.set(false);
        pageIn();
        if (runBatch() || wantsPageIn()) {
            scheduleDispatch();
        }
    }

    /** Hands out one batch; true if more may be waiting. */
    private boolean runBatch() {
        boolean more;
        boolean removedAny;
        List<MessageRef> expired = new ArrayList<>();
        lock.lock();
        try {
            long now = services.timer().now();
            promoteDue(now);
            long before = dispatchedCount;
            more = dispatchBatch(now, expired);
            removedAny = dispatchedCount != before || !expired.isEmpty();
        } finally {
            lock.unlock();
        }
        if (!expired.isEmpty()) {
            expiredCount.add(expired.size());
            services.expired().accept(expired);
        }
        if (removedAny) {
            wakeWaitersIfRoom();
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

    private void removeExpired(TreeSet<MessageRef> refs, long now, List<MessageRef> expired) {
        for (Iterator<MessageRef> it = refs.iterator(); it.hasNext(); ) {
            MessageRef ref = it.next();
            if (ref.isExpired(now)) {
                it.remove();
                bytes -= sizeOf(ref);
                expired.add(ref);
            }
        }
    }

    /** Hands out up to one batch; true if it stopped only because the batch was full. */
    private boolean dispatchBatch(long now, List<MessageRef> expired) {
        if (definition.paused()) {
            return false;
        }
        int handed = 0;
        boolean exclusive = policy().get(PolicySettings.EXCLUSIVE);
        choice.startRun();
        Iterator<MessageRef> waiting = pending.iterator();
        while (waiting.hasNext() && !consumers.isEmpty()) {
            MessageRef ref = waiting.next();
            if (ref.isExpired(now)) {
                waiting.remove();
                bytes -= sizeOf(ref);
                expired.add(ref);
                continue;
            }
            ConsumerChoice.Offer offer = choice.offer(ref, consumers, exclusive);
            if (offer == ConsumerChoice.Offer.TAKEN) {
                waiting.remove();
                bytes -= sizeOf(ref);
                dispatchedCount++;
                if (++handed == DISPATCH_BATCH) {
                    return waiting.hasNext();
                }
            } else if (offer == ConsumerChoice.Offer.ALL_BUSY) {
                return false;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "queue " + name();
    }
}
