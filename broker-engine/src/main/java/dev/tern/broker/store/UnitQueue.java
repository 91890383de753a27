package dev.tern.broker.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Units waiting for the journal thread. Many threads offer; one thread takes them in groups: the
 * first waiting unit plus whatever else waits, up to a count and a byte budget.
 */
final class UnitQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<PendingUnit> waiting = new ArrayDeque<>();
    private boolean closed;

    /**
     * Encodes a unit (on the caller's thread) and queues it for the journal thread: what a store's {@code apply}
     * does.
     *
     * @param whenClosed the failure of a unit offered once the queue is closed
     * @return completes when the journal thread has made the unit durable, or fails; a unit that cannot be encoded
     *     fails at once with a {@link StoreException}
     */
    CompletableFuture<Void> submit(List<StoreOp> unit, boolean lazy, Supplier<? extends Throwable> whenClosed) {
        Objects.requireNonNull(unit, "unit");
        PendingUnit pending;
        try {
            pending = PendingUnit.of(unit, lazy);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new StoreException("unit cannot be stored: " + e, e));
        }
        if (!offer(pending)) {
            return CompletableFuture.failedFuture(whenClosed.get());
        }
        return pending.done().copy();
    }

    /** Queues the unit, or returns false if the queue is closed. */
    boolean offer(PendingUnit unit) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            waiting.add(unit);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further units; those already queued can still be taken. Returns false if already closed. */
    boolean close() {
        lock.lock();
        try {
            boolean wasOpen = !closed;
            closed = true;
            notEmpty.signalAll();
            return wasOpen;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for at least one unit, then takes it and those behind it while the group stays within
     * {@code maxUnits} and {@code maxBytes} (a first unit larger than the budget goes alone).
     *
     * @return the group in queue order, or an empty list once the queue is closed and drained
     */
    List<PendingUnit> takeGroup(int maxUnits, long maxBytes) {
        lock.lock();
        try {
            while (waiting.isEmpty() && !closed) {
                notEmpty.awaitUninterruptibly();
            }
            List<PendingUnit> group = new ArrayList<>(Math.min(waiting.size(), maxUnits));
            long bytes = 0;
            while (!waiting.isEmpty() && group.size() < maxUnits) {
                PendingUnit next = waiting.peek();
                if (!group.isEmpty() && bytes + next.bytes() > maxBytes) {
                    break;
                }
                group.add(waiting.poll());
                bytes += next.bytes();
            }
            return group;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the queue and removes what is left in it, for failing when the journal thread dies. */
    List<PendingUnit> closeAndDrain() {
        lock.lock();
        try {
            closed = true;
            List<PendingUnit> rest = new ArrayList<>(waiting);
            waiting.clear();
            return rest;
        } finally {
            lock.unlock();
        }
    }
}
