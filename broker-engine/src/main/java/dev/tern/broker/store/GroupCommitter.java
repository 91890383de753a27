package dev.tern.broker.store;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a group of units as one MVStore chunk, forces it to disk, then completes the units'
 * futures in order. Used by one thread at a time.
 *
 * <p>If a unit of the group fails, the group's changes are rolled back and each unit is retried with
 * a commit of its own, so that a bad unit fails alone. All the units that committed then share one
 * sync. A group of lazy units only (see {@link MessageStore#applyLazily}) is committed, which hands
 * it to the operating system, but not synced.
 *
 * <p>If the file fails instead (a full disk, a read-only file system, an I/O error), every unit of the
 * group fails with a {@link StoreException} that names the cause, and none is retried: MVStore closes
 * itself when a write fails, dropping whatever it held in memory, and when a sync fails this class closes
 * it, so that nothing is written on top of a chunk the disk may have lost. {@link H2MessageStore} opens the
 * file again, at its last complete chunk, before the next group.
 */
final class GroupCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    private final MVStore store;
    /** The journal file, for messages. */
    private final String fileName;
    private final JournalWriter writer;
    private final H2Compactor compactor;
    private final AtomicLong commits;
    private final AtomicLong units;
    /** True from a failure of the file until a commit succeeds again: the failure is logged in full once. */
    private final AtomicBoolean failing;

    GroupCommitter(JournalMaps maps) {
        this(maps, new AtomicLong(), new AtomicLong(), new AtomicBoolean());
    }

    private GroupCommitter(JournalMaps maps, AtomicLong commits, AtomicLong units, AtomicBoolean failing) {
        this.store = maps.store();
        this.fileName = store.getFileStore().getFileName();
        this.writer = new JournalWriter(maps);
        this.compactor = new H2Compactor(store);
        this.commits = commits;
        this.units = units;
        this.failing = failing;
    }

    /** A committer for the journal opened again after a failure, counting on from this one's totals. */
    GroupCommitter on(JournalMaps reopened) {
        return new GroupCommitter(reopened, commits, units, failing);
    }

    /** Number of synced commits so far. */
    long commitCount() {
        return commits.get();
    }

    /** Number of units applied so far. */
    long unitCount() {
        return units.get();
    }

    /** Applies the group, then completes every unit's future, in group order. */
    void commit(List<PendingUnit> group) {
        Throwable[] failures = new Throwable[group.size()];
        try {
            boolean committed = commitTogether(group, failures) || commitOneByOne(group, failures);
            if (committed && group.stream().anyMatch(unit -> !unit.lazy())) {
                sync(failures);
            }
            if (committed && !store.isClosed() && failing.compareAndSet(true, false)) {
                LOG.warn("The journal {} is written again", fileName);
            }
        } catch (RuntimeException | Error e) {
            // Whatever of the group is in the maps must not reach the file with a later commit or the close.
            rollback(e);
            fillMissing(failures, e);
            throw e;
        } finally {
            complete(group, failures);
        }
    }

    private boolean commitTogether(List<PendingUnit> group, Throwable[] failures) {
        try {
            for (PendingUnit unit : group) {
                writer.write(unit);
            }
            writer.noteHighestMessageId();
            store.commit();
            return true;
        } catch (RuntimeException e) {
            rollback(e);
            if (journalFailed(e, failures)) {
                return false;
            }
            if (group.size() == 1) {
                failures[0] = unitFailed(group.get(0), e);
            } else {
                LOG.debug("Group of {} units failed ({}); retrying each unit alone", group.size(), e.toString());
            }
            return false;
        }
    }

    /** Returns true if at least one unit committed. */
    private boolean commitOneByOne(List<PendingUnit> group, Throwable[] failures) {
        if (group.size() == 1 || store.isClosed()) {
            return false;
        }
        boolean anyCommitted = false;
        for (int i = 0; i < group.size(); i++) {
            if (failures[i] != null) {
                continue; // the file failed with an earlier unit
            }
            PendingUnit unit = group.get(i);
            try {
                writer.write(unit);
                writer.noteHighestMessageId();
                store.commit();
                anyCommitted = true;
            } catch (RuntimeException e) {
                rollback(e);
                if (!journalFailed(e, failures)) {
                    failures[i] = unitFailed(unit, e);
                }
            }
        }
        return anyCommitted && !store.isClosed();
    }

    /**
     * If the file failed rather than the unit (MVStore closes itself when a write fails), fails every unit
     * not failed yet, those committed but not synced included, and returns true.
     */
    private boolean journalFailed(RuntimeException e, Throwable[] failures) {
        if (!store.isClosed()) {
            return false;
        }
        logFileFailure("Writing the journal " + fileName + " failed: " + describe(e)
                + "; failing the units of the group and opening it again", e);
        fillMissing(failures,
                new StoreException("the journal " + fileName + " could not be written: " + describe(e), e));
        return true;
    }

    private void sync(Throwable[] failures) {
        try {
            store.sync();
            commits.incrementAndGet();
            compactor.afterSync();
        } catch (RuntimeException e) {
            logFileFailure("Forcing the journal " + fileName + " to disk failed: " + describe(e)
                    + "; failing the units committed and opening it again", e);
            fillMissing(failures, new StoreException("the journal " + fileName + " could not be forced to disk: "
                    + describe(e) + "; the change was written and may or may not survive a crash", e));
            store.closeImmediately();
        }
    }

    /** Logs a failure of the file with its stack trace the first time, in one line while it lasts. */
    private void logFileFailure(String message, RuntimeException e) {
        if (failing.compareAndSet(false, true)) {
            LOG.error(message, e);
        } else {
            LOG.error(message);
        }
    }

    private void complete(List<PendingUnit> group, Throwable[] failures) {
        long applied = 0;
        for (Throwable failure : failures) {
            if (failure == null) {
                applied++;
            }
        }
        units.addAndGet(applied);
        for (int i = 0; i < group.size(); i++) {
            if (failures[i] == null) {
                group.get(i).done().complete(null);
            } else {
                group.get(i).done().completeExceptionally(failures[i]);
            }
        }
    }

    /** Takes back the changes not yet committed; a failure to do so is added to {@code cause}. */
    private void rollback(Throwable cause) {
        if (store.isClosed()) {
            return;
        }
        try {
            store.rollback();
        } catch (RuntimeException e) {
            if (e != cause) {
                cause.addSuppressed(e);
            }
        }
    }

    private static void fillMissing(Throwable[] failures, Throwable failure) {
        for (int i = 0; i < failures.length; i++) {
            if (failures[i] == null) {
                failures[i] = failure;
            }
        }
    }

    /**
     * What went wrong with the file, as the operating system said it ({@code No space left on device}): the
     * innermost cause's message. MVStore's own message names the channel object rather than the file.
     */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static StoreException unitFailed(PendingUnit unit, RuntimeException cause) {
        String reason = abbreviate(String.valueOf(cause.getMessage()), 300);
        LOG.warn("Store unit of {} ops failed and was not applied: {}", unit.ops().size(), reason);
        return new StoreException("unit of " + unit.ops().size() + " ops was not applied: " + reason
                + "; ops: " + abbreviate(unit.ops().toString(), 500), cause);
    }

    private static String abbreviate(String text, int maxLength) {
        return text.length() <= maxLength ? text : text.substring(0, maxLength) + "...";
    }
}
