package dev.tern.broker.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces the H2 database file to disk in two steps, so that the second can run on another thread while
 * the journal writes its next group: {@link #flush} on the writing thread, right after a commit, then
 * {@link #force} on the syncing thread.
 *
 * <p>The two steps are what H2's {@code CHECKPOINT SYNC} does in one ({@code Database.sync()} =
 * {@code MVStore.commit()}, which stores whatever is still unsaved, then {@code MVStore.sync()} =
 * {@code FileChannel.force(true)}). {@code force} takes no H2 lock, so a chunk being written meanwhile
 * is not held up; a force covers every write that returned before it began, which is all a unit handed
 * over after its {@code flush} needs. There is no SQL for the split, so it uses H2's engine classes, as
 * {@code H2Compactor} does; if they are not reachable it runs {@code CHECKPOINT SYNC} on a connection
 * of its own instead (H2 then stores any unsaved change of the writer's open transaction first, which
 * is correct, only slower).
 */
final class H2FileSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(H2FileSync.class);

    private final MVStore mvStore;
    private final Connection fallback;
    private final Statement fallbackStatement;

    private H2FileSync(MVStore mvStore, Connection fallback, Statement fallbackStatement) {
        this.mvStore = mvStore;
        this.fallback = fallback;
        this.fallbackStatement = fallbackStatement;
    }

    /**
     * The sync of the embedded database that {@code connection} is open on.
     *
     * @param jdbcUrl opens the fallback connection, if H2's engine is not reachable
     */
    static H2FileSync of(Connection connection, String jdbcUrl) throws SQLException {
        try {
            JdbcConnection h2 = connection.unwrap(JdbcConnection.class);
            return new H2FileSync(((SessionLocal) h2.getSession()).getDatabase().getStore().getMvStore(), null, null);
        } catch (Exception | LinkageError e) {
            LOG.warn("H2's store is not reachable; syncing with CHECKPOINT SYNC on a connection of its own", e);
        }
        Connection own = DriverManager.getConnection(jdbcUrl, "sa", "");
        try {
            return new H2FileSync(null, own, own.createStatement());
        } catch (SQLException e) {
            own.close();
            throw e;
        }
    }

    /** True if it splits the sync through H2's engine rather than falling back to SQL. */
    boolean isSplit() {
        return mvStore != null;
    }

    /** On the writing thread, after a commit: stores what H2 holds unsaved, so that a later force covers it. */
    void flush() {
        if (mvStore != null) {
            mvStore.commit();
        }
    }

    /** Forces to disk everything flushed before this call began; may run while another thread writes. */
    void force() throws SQLException {
        if (mvStore != null) {
            mvStore.sync();
        } else {
            fallbackStatement.execute("CHECKPOINT SYNC");
        }
    }

    @Override
    public void close() {
        if (fallback != null) {
            try {
                fallback.close();
            } catch (SQLException e) {
                LOG.warn("Closing the sync connection failed", e);
            }
        }
    }
}
