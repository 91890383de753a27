package dev.tern.broker.store;

import java.util.List;
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
 */
final class GroupCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    private final MVStore store;
    private final JournalWriter writer;
    private final H2Compactor compactor;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong units = new AtomicLong();

    GroupCommitter(JournalMaps maps) {
        this.store = maps.store();
        this.writer = new JournalWriter(maps);
        this.compactor = new H2Compactor(store);
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
            if ((commitTogether(group, failures) || commitOneByOne(group, failures))
                    && group.stream().anyMatch(unit -> !unit.lazy())) {
                sync(failures);
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
        if (group.size() == 1) {
            return false;
        }
        boolean anyCommitted = false;
        for (int i = 0; i < group.size(); i++) {
            PendingUnit unit = group.get(i);
            try {
                writer.write(unit);
                writer.noteHighestMessageId();
                store.commit();
                anyCommitted = true;
            } catch (RuntimeException e) {
                rollback(e);
                failures[i] = unitFailed(unit, e);
            }
        }
        return anyCommitted;
    }

    private void sync(Throwable[] failures) {
        try {
            store.sync();
            commits.incrementAndGet();
            compactor.afterSync();
        } catch (RuntimeException e) {
            LOG.error("Committed units could not be forced to disk; failing them", e);
            fillMissing(failures, new StoreException(
                    "unit was committed but could not be forced to disk, so it may not survive a crash", e));
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
        try {
            store.rollback();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void fillMissing(Throwable[] failures, Throwable failure) {
        for (int i = 0; i < failures.length; i++) {
            if (failures[i] == null) {
                failures[i] = failure;
            }
        }
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
