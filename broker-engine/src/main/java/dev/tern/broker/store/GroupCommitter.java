package dev.tern.broker.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a group of units as one H2 transaction and has H2 write it to the file; the
 * {@link SyncPipeline} then forces it to disk and completes the units' futures. Used by one thread at
 * a time.
 *
 * <p>If the group's transaction fails, it is rolled back and each unit is retried in a transaction
 * of its own, so that a bad unit fails alone. All the units that committed then share one sync.
 */
final class GroupCommitter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    private final Connection connection;
    private final SqlUnitWriter writer;
    private final H2FileSync fileSync;
    private final H2Compactor compactor;

    /**
     * Takes over an open connection with auto-commit off and the schema in place; does not close it.
     *
     * @param fileSync flushes each commit to the file, for a later force
     */
    GroupCommitter(Connection connection, H2FileSync fileSync) throws SQLException {
        this.connection = connection;
        this.fileSync = fileSync;
        this.writer = new SqlUnitWriter(connection);
        this.compactor = H2Compactor.of(connection);
    }

    /**
     * Applies the group and writes it to the file, without forcing it to disk and without completing
     * any future. A unit that cannot be applied is marked failed in the result; other failures throw.
     */
    WrittenGroup write(List<PendingUnit> group) {
        Throwable[] failures = new Throwable[group.size()];
        if (!commitTogether(group, failures) && !commitOneByOne(group, failures)) {
            return new WrittenGroup(group, failures, false);
        }
        try {
            fileSync.flush();
        } catch (RuntimeException e) {
            LOG.error("Committed units could not be written to the file; failing them", e);
            WrittenGroup written = new WrittenGroup(group, failures, false);
            written.failApplied(new StoreException(
                    "unit was committed but could not be written to the file, so it may not survive a crash", e));
            return written;
        }
        boolean needsSync = false;
        for (int i = 0; i < group.size(); i++) {
            needsSync |= failures[i] == null && !group.get(i).lazy();
        }
        if (needsSync) {
            // Rewritten pages go out with the next commit, and its force covers them.
            compactor.afterCommit();
        }
        return new WrittenGroup(group, failures, needsSync);
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
    }
}
