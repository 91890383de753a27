package dev.tern.broker.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVStore;

/**
 * The sync thread of the journal: forces the groups the journal thread has written to disk and completes
 * their units' futures, in order, while the journal thread goes on writing the next groups. One force
 * covers every group written before it began, so groups that pile up behind a force share the next one.
 *
 * <p>A batch whose units are all lazy (see {@link MessageStore#applyLazily}) completes without a force;
 * its groups keep their pins (see {@link GroupCommitter}) until a force covers them: the next one that
 * somebody waits for, or one made for them alone once they have waited {@value #LAZY_FORCE_MILLIS} ms.
 *
 * <p>The futures complete on this thread, so what is chained to them runs here: it never holds up the
 * journal thread, but it holds up the next force and the completions behind it, so it must not block.
 *
 * <p>If a force fails, every unit of the groups it was to cover fails with a {@link StoreException} saying
 * that it was written and may or may not survive a crash, and the journal is closed, under the store's
 * write lock so that the journal thread is not writing meanwhile; the groups written to it after that
 * fail too, and the journal thread opens the file again before its next group.
 */
final class JournalSyncer {

    /** Lazy groups wait at most about this long for a force. */
    static final long LAZY_FORCE_MILLIS = 200;

    private static final WrittenGroup END = new WrittenGroup(List.of(), new Throwable[0], null, null);

    private final LinkedBlockingQueue<WrittenGroup> written = new LinkedBlockingQueue<>();
    private final JournalFailures failures;
    /** Held while the journal is closed after a failed force; the journal thread writes under it. */
    private final Object writeLock;
    private final Thread thread;
    private final AtomicLong forces = new AtomicLong();
    private final AtomicLong units = new AtomicLong();
    /** Written lazy groups whose pins wait for a force; used by this thread only. */
    private final List<WrittenGroup> unforced = new ArrayList<>();
    private long oldestUnforcedNanos;
    private volatile JournalObserver observer = JournalObserver.NONE;

    JournalSyncer(String threadName, JournalFailures failures, Object writeLock) {
        this.failures = failures;
        this.writeLock = writeLock;
        this.thread = new Thread(this::run, threadName);
    }

    void start() {
        thread.start();
    }

    void observe(JournalObserver newObserver) {
        this.observer = newObserver;
    }

    boolean isSyncThread(Thread candidate) {
        return candidate == thread;
    }

    /** Hands over a written group; the journal thread calls this in the order it wrote them. */
    void offer(WrittenGroup group) {
        written.add(group);
    }

    /**
     * Finishes the groups handed over so far, forcing the lazy ones too, then stops; returns once the thread
     * has ended, with whether the caller was interrupted while it waited.
     */
    boolean finish() {
        written.add(END);
        return H2MessageStore.awaitEnd(thread);
    }

    /** Number of forces that succeeded so far. */
    long forceCount() {
        return forces.get();
    }

    /** Number of units in the file (forced, or lazy) whose futures completed normally so far. */
    long unitCount() {
        return units.get();
    }

    private void run() {
        List<WrittenGroup> batch = new ArrayList<>();
        boolean ending = false;
        while (!ending) {
            WrittenGroup first = next();
            if (first == null) {
                forceUnforced(); // lazy groups waited long enough
                continue;
            }
            batch.add(first);
            written.drainTo(batch);
            ending = batch.removeIf(group -> group == END);
            settle(batch);
            batch.clear();
        }
        forceUnforced(); // the lazy groups too, before the journal closes: their pins must go first
    }

    /** The next written group, or null once the oldest unforced lazy group has waited long enough. */
    private WrittenGroup next() {
        try {
            if (unforced.isEmpty()) {
                return written.take();
            }
            long waitNanos = oldestUnforcedNanos + TimeUnit.MILLISECONDS.toNanos(LAZY_FORCE_MILLIS) - System.nanoTime();
            return waitNanos <= 0 ? null : written.poll(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // nobody interrupts this thread; go on until END
            return null;
        }
    }

    /** Forces what the batch needs, then completes its units in order. Also used by tests, on their thread. */
    void settle(List<WrittenGroup> batch) {
        boolean needsForce = false;
        for (WrittenGroup group : batch) {
            needsForce |= group.needsForce();
        }
        if (needsForce) {
            unforced.addAll(batch);
            forceUnforced();
        } else {
            for (WrittenGroup group : batch) {
                if (group.pin() != null) {
                    if (unforced.isEmpty()) {
                        oldestUnforcedNanos = System.nanoTime();
                    }
                    unforced.add(group);
                }
            }
        }
        batch.forEach(this::complete);
    }

    /**
     * Forces every journal the unforced groups were written to (one, unless the file was opened again),
     * fails their units if that fails, and releases their pins.
     */
    private void forceUnforced() {
        MVStore forced = null;
        int unitsForced = 0;
        for (WrittenGroup group : unforced) {
            unitsForced += group.units().size();
        }
        for (WrittenGroup group : unforced) {
            MVStore store = group.store();
            if (store != null && store != forced && group.wroteAny()) {
                long started = System.nanoTime();
                if (force(store)) {
                    observer.forced(System.nanoTime() - started, unitsForced);
                }
                forced = store;
            }
        }
        for (WrittenGroup group : unforced) {
            release(group);
        }
        unforced.clear();
    }

    /** Forces the file; false, failing the units written to it, if that fails. */
    private boolean force(MVStore store) {
        try {
            store.sync();
            forces.incrementAndGet();
            failures.recovered();
            return true;
        } catch (RuntimeException e) {
            String reason = JournalFailures.describe(e);
            failures.log("Forcing the journal " + failures.fileName() + " to disk failed: " + reason
                    + "; failing the units written and opening it again", e);
            StoreException failure = new StoreException("the journal " + failures.fileName()
                    + " could not be forced to disk: " + reason + "; the change was written and may or may not"
                    + " survive a crash", e);
            for (WrittenGroup group : unforced) {
                if (group.store() == store) {
                    GroupCommitter.fillMissing(group.failures(), failure);
                }
            }
            synchronized (writeLock) {
                store.closeImmediately();
            }
            return false;
        }
    }

    private static void release(WrittenGroup group) {
        if (group.pin() != null && !group.store().isClosed()) {
            group.store().deregisterVersionUsage(group.pin());
        }
    }

    /** Counts the units in the file first, so that whoever sees a future done sees it counted too. */
    private void complete(WrittenGroup group) {
        long applied = 0;
        for (Throwable failure : group.failures()) {
            if (failure == null) {
                applied++;
            }
        }
        units.addAndGet(applied);
        for (int i = 0; i < group.units().size(); i++) {
            Throwable failure = group.failures()[i];
            if (failure == null) {
                group.units().get(i).done().complete(null);
            } else {
                group.units().get(i).done().completeExceptionally(failure);
            }
        }
    }
}
