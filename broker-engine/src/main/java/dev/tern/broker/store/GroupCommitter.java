package dev.tern.broker.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a group of units as one H2 transaction, forces it to disk, then completes the units'
 * futures in order. Used by one thread at a time.
 *
 * <p>If the group's transaction fails, it is rolled back and each unit is retried in a transaction
 * of its own, so that a bad unit fails alone. All the units that committed then share one sync.
 */
final class GroupCommitter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    /**
     * H2's only SQL path to an fsync: TransactionCommand CHECKPOINT_SYNC -> Database.sync() ->
     * mvstore.db.Store.sync() = MVStore.commit() (a no-op here, the JDBC commit already wrote the
     * chunk) + MVStore.sync() -> SingleFileStore.sync() -> FileChannel.force(true). A plain
     * {@code CHECKPOINT} only writes, and MVStore never forces the file on its own.
     */
    private static final String SYNC = "CHECKPOINT SYNC";

    private final Connection connection;
    private final SqlUnitWriter writer;
    private final Statement syncStatement;
    private final H2Compactor compactor;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong units = new AtomicLong();

    /** Takes over an open connection with auto-commit off and the schema in place; does not close it. */
    GroupCommitter(Connection connection) throws SQLException {
        this.connection = connection;
        this.writer = new SqlUnitWriter(connection);
        this.compactor = H2Compactor.of(connection);
        try {
            this.syncStatement = connection.createStatement();
        } catch (SQLException e) {
            writer.close();
            throw e;
        }
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
            fillMissing(failures, e);
            throw e;
        } finally {
            complete(group, failures);
        }
    }

    private boolean commitTogether(List<PendingUnit> group, Throwable[] failures) {
        try {
            writer.write(group);
            connection.commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            if (group.size() == 1) {
                failures[0] = unitFailed(group.get(0), e);
            } else {
                LOG.debug("Group of {} units failed ({}); retrying each unit alone", group.size(),
                        abbreviate(e.toString(), 300));
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
                writer.write(List.of(unit));
                connection.commit();
                anyCommitted = true;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                failures[i] = unitFailed(unit, e);
            }
        }
        return anyCommitted;
    }

    private void sync(Throwable[] failures) {
        try {
            syncStatement.execute(SYNC);
            commits.incrementAndGet();
            compactor.afterCommit();
        } catch (SQLException | RuntimeException e) {
            LOG.error("Committed units could not be forced to disk; failing them", e);
            fillMissing(failures, new StoreException(
                    "unit was committed but could not be forced to disk, so it may not survive a crash", e));
        }
    }

    private void complete(List<PendingUnit> group, Throwable[] failures) {
        long applied = 0;
        for (int i = 0; i < group.size(); i++) {
            if (failures[i] == null) {
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

    private static void fillMissing(Throwable[] failures, Throwable failure) {
        for (int i = 0; i < failures.length; i++) {
            if (failures[i] == null) {
                failures[i] = failure;
            }
        }
    }

    private static StoreException unitFailed(PendingUnit unit, Exception cause) {
        // H2 quotes the offending row, which may hold a message of several MB: keep it short.
        String reason = abbreviate(String.valueOf(cause.getMessage()), 300);
        LOG.warn("Store unit of {} ops failed and was not applied: {}", unit.ops().size(), reason);
        return new StoreException("unit of " + unit.ops().size() + " ops was not applied: " + reason
                + "; ops: " + abbreviate(unit.ops().toString(), 500), cause);
    }

    private static String abbreviate(String text, int maxLength) {
        return text.length() <= maxLength ? text : text.substring(0, maxLength) + "...";
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("Rollback failed", e);
        }
    }

    @Override
    public void close() {
        writer.close();
        try {
            syncStatement.close();
        } catch (SQLException ignored) {
            // the connection is closed next anyway
        }
    }
}
