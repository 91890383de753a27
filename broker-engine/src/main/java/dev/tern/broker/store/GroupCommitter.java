package dev.tern.broker.store;

import java.util.List;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a group of units to the journal as one MVStore chunk, on the journal thread, and hands it on as a
 * {@link WrittenGroup} for {@link JournalSyncer} to force to disk and complete. Used by one thread at a time.
 *
 * <p>If a unit of the group fails, the group's changes are rolled back and each unit is retried with
 * a commit of its own, so that a bad unit fails alone; the units that committed still share one force.
 *
 * <p>If the file fails instead (a full disk, a read-only file system, an I/O error), every unit of the
 * group fails with a {@link StoreException} that names the cause, and none is retried: MVStore closes
 * itself when a write fails, dropping whatever it held in memory. {@link H2MessageStore} opens the file
 * again, at its last complete chunk, before the next group.
 *
 * <p>Before it writes anything, the committer pins the store's current version ({@link
 * MVStore#registerVersionUsage()}) for the group; the syncer releases the pin once a force covers the
 * group. While a version is pinned, MVStore overwrites no chunk that became unused at it or later, so the
 * space a commit frees is reused only once that commit is on disk, however far writing runs ahead of
 * forcing. Compaction runs under the same pin, before the group is written.
 */
final class GroupCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    private final MVStore store;
    private final JournalWriter writer;
    private final H2Compactor compactor;
    private final JournalFailures failures;

    GroupCommitter(JournalMaps maps, JournalFailures failures) {
        this.store = maps.store();
        this.writer = new JournalWriter(maps);
        this.compactor = new H2Compactor(store);
        this.failures = failures;
    }

    /**
     * Applies the group and commits it without forcing it to disk, after compacting the file if that is due.
     * The units' futures are left to the syncer, those of units that failed here included.
     */
    WrittenGroup commit(List<PendingUnit> group) {
        Throwable[] failed = new Throwable[group.size()];
        MVStore.TxCounter pin = store.isClosed() ? null : store.registerVersionUsage();
        try {
            compactor.whenDue();
            if (!commitTogether(group, failed)) {
                commitOneByOne(group, failed);
            }
        } catch (RuntimeException | Error e) {
            // Whatever of the group is in the maps must not reach the file with a later commit or the close.
            rollback(e);
            fillMissing(failed, e);
        }
        return new WrittenGroup(group, failed, store, pin);
    }

    private boolean commitTogether(List<PendingUnit> group, Throwable[] failed) {
        try {
            for (PendingUnit unit : group) {
                writer.write(unit);
            }
            writer.noteHighestMessageId();
            store.commit();
            return true;
        } catch (RuntimeException e) {
            rollback(e);
            if (journalFailed(e, failed)) {
                return true;
            }
            if (group.size() == 1) {
                failed[0] = unitFailed(group.get(0), e);
                return true;
            }
            LOG.debug("Group of {} units failed ({}); retrying each unit alone", group.size(), e.toString());
            return false;
        }
    }

    private void commitOneByOne(List<PendingUnit> group, Throwable[] failed) {
        for (int i = 0; i < group.size(); i++) {
            if (failed[i] != null) {
                continue; // the file failed with an earlier unit
            }
            PendingUnit unit = group.get(i);
            try {
                writer.write(unit);
                writer.noteHighestMessageId();
                store.commit();
            } catch (RuntimeException e) {
                rollback(e);
                if (!journalFailed(e, failed)) {
                    failed[i] = unitFailed(unit, e);
                }
            }
        }
    }

    /**
     * If the file failed rather than the unit (MVStore closes itself when a write fails), fails every unit
     * not failed yet, those committed but not synced included, and returns true.
     */
    private boolean journalFailed(RuntimeException e, Throwable[] failed) {
        if (!store.isClosed()) {
            return false;
        }
        String reason = JournalFailures.describe(e);
        failures.log("Writing the journal " + failures.fileName() + " failed: " + reason
                + "; failing the units of the group and opening it again", e);
        fillMissing(failed,
                new StoreException("the journal " + failures.fileName() + " could not be written: " + reason, e));
        return true;
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

    static void fillMissing(Throwable[] failed, Throwable failure) {
        for (int i = 0; i < failed.length; i++) {
            if (failed[i] == null) {
                failed[i] = failure;
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
