package dev.tern.broker.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second stage of the journal: on a thread of its own, forces written groups to disk and then
 * completes their units' futures, in the order the groups were written.
 *
 * <p>The journal thread hands a group over once H2 has written it, and goes on to write the next one
 * while this thread waits for the disk. Every group handed over while a force runs shares the next
 * force: group commit across the two stages. A group of lazy units alone is completed without a force
 * of its own, but never before the groups written ahead of it.
 */
final class SyncPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncPipeline.class);

    /** Makes every group handed over so far durable. */
    @FunctionalInterface
    interface Force {
        void force() throws Exception;
    }

    private final Force force;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<WrittenGroup> waiting = new ArrayDeque<>();
    private final AtomicLong syncs = new AtomicLong();
    private final AtomicLong units = new AtomicLong();
    private final Thread thread;
    private boolean closed;

    /** Starts the thread {@code threadName}. */
    SyncPipeline(String threadName, Force force) {
        this.force = force;
        this.thread = new Thread(this::run, threadName);
        thread.start();
    }

    /** Hands over a written group; after {@link #close}, it is completed at once on the caller's thread. */
    void offer(WrittenGroup group) {
        lock.lock();
        try {
            if (!closed) {
                waiting.add(group);
                notEmpty.signal();
                return;
            }
        } finally {
            lock.unlock();
        }
        group.failApplied(new IllegalStateException("the journal's sync thread has stopped"));
        group.complete();
    }

    /** Number of forces made so far. */
    long syncCount() {
        return syncs.get();
    }

    /** Number of units made durable (or, if lazy, written) so far. */
    long unitCount() {
        return units.get();
    }

    /** True on this pipeline's thread, where the units' futures complete. */
    boolean isPipelineThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Takes no more groups, finishes those handed over, and waits for the thread to end; called on the
     * thread itself, it returns at once and the thread finishes alone.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        if (isPipelineThread()) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<WrittenGroup> batch = List.of();
        try {
            while (!(batch = takeAll()).isEmpty()) {
                forceIfNeeded(batch);
                for (WrittenGroup group : batch) {
                    // Counted first, so that whoever sees a unit done also sees it counted.
                    units.addAndGet(group.appliedCount());
                    group.complete();
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("Journal sync thread failed; failing the units still waiting for a sync", e);
            StoreException failure = new StoreException("journal sync thread failed: " + e, e);
            List<WrittenGroup> rest = new ArrayList<>(batch);
            lock.lock();
            try {
                closed = true;
                rest.addAll(waiting);
                waiting.clear();
            } finally {
                lock.unlock();
            }
            for (WrittenGroup group : rest) {
                group.failApplied(failure);
                group.complete();
            }
        }
    }

    private void forceIfNeeded(List<WrittenGroup> batch) {
        if (batch.stream().noneMatch(WrittenGroup::needsSync)) {
            return;
        }
        try {
            force.force();
            syncs.incrementAndGet();
        } catch (Exception e) {
            LOG.error("Committed units could not be forced to disk; failing them", e);
            StoreException failure = new StoreException(
                    "unit was committed but could not be forced to disk, so it may not survive a crash", e);
            batch.stream().filter(WrittenGroup::needsSync).forEach(group -> group.failApplied(failure));
        }
    }

    /** Waits for a group, then takes all that wait; empty once closed and drained. */
    private List<WrittenGroup> takeAll() {
        lock.lock();
        try {
            while (waiting.isEmpty() && !closed) {
                notEmpty.awaitUninterruptibly();
            }
            List<WrittenGroup> batch = new ArrayList<>(waiting);
            waiting.clear();
            return batch;
        } finally {
            lock.unlock();
        }
    }
}
