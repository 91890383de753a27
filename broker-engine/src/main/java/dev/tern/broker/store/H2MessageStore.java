package dev.tern.broker.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link MessageStore}: an embedded H2 database in one file, {@code <directory>/tern.mv.db},
 * written by one journal thread with group commit.
 *
 * <table>
 *   <caption>Tables (see {@code SqlSchema}; plain SQL that PostgreSQL also accepts)</caption>
 *   <tr><th>table</th><th>columns</th><th>key</th></tr>
 *   <tr><td>{@code queues}</td>
 *       <td>name VARCHAR, address VARCHAR, topic_subscription BOOLEAN, selector VARCHAR, no_local BOOLEAN,
 *           client_id VARCHAR, subscription_name VARCHAR, shared BOOLEAN: one {@link QueueRecord}</td>
 *       <td>name</td></tr>
 *   <tr><td>{@code messages}</td>
 *       <td>id BIGINT, encoded VARBINARY: the message as written by {@code MessageCodec.encode}</td>
 *       <td>id</td></tr>
 *   <tr><td>{@code message_refs}</td>
 *       <td>queue_name VARCHAR, message_id BIGINT, delivery_count INT: one message on one queue</td>
 *       <td>(queue_name, message_id); index on message_id</td></tr>
 * </table>
 *
 * <p><b>Group commit.</b> {@link #apply} encodes the unit's messages on the caller's thread, queues
 * the unit and returns. The thread {@code tern-journal-<name>} takes the first waiting unit and every
 * unit queued behind it (at most {@value #MAX_GROUP_UNITS} units or about 16 MiB), writes them all
 * in one transaction with JDBC batches, commits, forces the file to disk once, and only then completes
 * their futures, in the order the units were applied. A unit that makes SQL fail (a duplicate key,
 * say) rolls back the group; the units are then retried one transaction each, so only the bad
 * unit's future fails, with a {@link StoreException}. Futures complete on the journal thread:
 * actions chained to them must not block.
 *
 * <p><b>Durability.</b> H2's MVStore writes a chunk on commit but never fsyncs by itself, so after
 * each commit the journal runs {@code CHECKPOINT SYNC}, which ends in {@code FileChannel.force(true)}.
 * The database runs with {@code WRITE_DELAY=0}: see {@link #jdbcUrl} for why H2's default background
 * writer would make that sync unreliable. The file holds about 45 s worth of writes beyond the live
 * data (H2's retention time for dead chunks), see {@code H2Compactor}.
 *
 * <p>One store per directory per JVM: H2 would let a second store in the same JVM share the open
 * database, so the constructor refuses that. {@link #close()} closes the database and releases its
 * file lock before it returns.
 */
public final class H2MessageStore implements MessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(H2MessageStore.class);

    /** At most this many units share one commit. */
    static final int MAX_GROUP_UNITS = 1000;
    /** About this many bytes of encoded messages share one commit, unless one unit is larger. */
    static final long MAX_GROUP_BYTES = 16L << 20;

    private static final Set<Path> OPEN_DIRECTORIES = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final Connection connection;
    private final GroupCommitter committer;
    private final SqlPageReader pageReader;
    private final UnitQueue queue = new UnitQueue();
    private final Thread journalThread;
    /** Serializes use of the connection by load() and by the journal thread. */
    private final Object jdbcLock = new Object();
    private boolean connectionClosed;

    /**
     * Opens or creates the store in {@code directory}, creating the directory if needed.
     *
     * @param name names the journal thread, {@code tern-journal-<name>}
     * @throws StoreException if the database cannot be opened
     * @throws IllegalStateException if a store in this JVM already has the directory open
     */
    public H2MessageStore(Path directory, String name) {
        Objects.requireNonNull(name, "name");
        this.directory = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new StoreException("cannot create store directory " + this.directory, e);
        }
        if (!OPEN_DIRECTORIES.add(this.directory)) {
            throw new IllegalStateException("a message store is already open in " + this.directory);
        }
        Connection opened = null;
        Connection forPages = null;
        try {
            opened = DriverManager.getConnection(jdbcUrl(this.directory), "sa", "");
            opened.setAutoCommit(false);
            SqlSchema.create(opened, SqlSchema.H2_BINARY_TYPE);
            forPages = DriverManager.getConnection(jdbcUrl(this.directory), "sa", "");
            this.pageReader = new SqlPageReader(forPages);
            this.committer = new GroupCommitter(opened);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(forPages);
            closeQuietly(opened);
            OPEN_DIRECTORIES.remove(this.directory);
            throw new StoreException("cannot open message store in " + this.directory + ": " + e.getMessage(), e);
        }
        this.connection = opened;
        this.journalThread = new Thread(this::runJournal, "tern-journal-" + name);
        journalThread.start();
        LOG.info("Opened message store in {}", this.directory);
    }

    /**
     * The H2 URL for the store in {@code directory}.
     *
     * <ul>
     *   <li>{@code DB_CLOSE_ON_EXIT=FALSE}: no JVM shutdown hook of H2's; the broker closes the store
     *       itself, after its last units.
     *   <li>{@code WRITE_DELAY=0}: with H2's default (500 ms) its background writer may store a
     *       chunk asynchronously (H2-serialization and H2-save executors) that holds our committed
     *       rows; {@code CHECKPOINT SYNC} then finds nothing unsaved and may force the file before
     *       that chunk is written. The same async store also happens on our own thread when a
     *       transaction has over 3/4 of the auto-commit buffer unsaved. With 0, those executors and
     *       the background thread do not exist: each commit writes its chunk synchronously, and the
     *       sync right after covers it. That also stops H2's chunk rewriting, which
     *       {@code H2Compactor} does instead on the journal thread.
     * </ul>
     */
    static String jdbcUrl(Path directory) {
        return "jdbc:h2:file:" + directory.resolve("tern") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    @Override
    public StoredState load() {
        synchronized (jdbcLock) {
            if (connectionClosed) {
                throw new IllegalStateException("message store in " + directory + " is closed");
            }
            try {
                return SqlStateReader.load(connection);
            } catch (SQLException e) {
                throw new StoreException("cannot load message store in " + directory + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public StoredIndex loadIndex() {
        synchronized (jdbcLock) {
            if (connectionClosed) {
                throw new IllegalStateException("message store in " + directory + " is closed");
            }
            try {
                return SqlStateReader.loadIndex(connection);
            } catch (SQLException e) {
                throw new StoreException("cannot load message store in " + directory + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public List<StoredState.PagedMessage> readPage(String queueName, long[] messageIds) {
        synchronized (pageReader) {
            try {
                return pageReader.read(queueName, messageIds);
            } catch (SQLException e) {
                throw new StoreException("cannot read messages of queue " + queueName + " in " + directory
                        + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public boolean pagesToDisk() {
        return true;
    }

    @Override
    public CompletableFuture<Void> apply(List<StoreOp> unit) {
        return enqueue(unit, false);
    }

    @Override
    public CompletableFuture<Void> applyLazily(List<StoreOp> unit) {
        return enqueue(unit, true);
    }

    private CompletableFuture<Void> enqueue(List<StoreOp> unit, boolean lazy) {
        Objects.requireNonNull(unit, "unit");
        PendingUnit pending;
        try {
            pending = PendingUnit.of(unit, lazy);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new StoreException("unit cannot be stored: " + e, e));
        }
        if (!queue.offer(pending)) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("message store in " + directory + " is closed"));
        }
        return pending.done();
    }

    /** Number of commits forced to disk so far. */
    public long commitCount() {
        return committer.commitCount();
    }

    /** Number of units applied so far. */
    public long unitCount() {
        return committer.unitCount();
    }

    /**
     * Refuses new units, commits those already queued, stops the journal thread and closes the
     * database. Called on the journal thread itself (from a future's action), it returns without
     * waiting and the thread finishes alone.
     */
    @Override
    public void close() {
        queue.close();
        if (Thread.currentThread() == journalThread) {
            return;
        }
        boolean interrupted = false;
        while (journalThread.isAlive()) {
            try {
                journalThread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void runJournal() {
        try {
            List<PendingUnit> group;
            while (!(group = queue.takeGroup(MAX_GROUP_UNITS, MAX_GROUP_BYTES)).isEmpty()) {
                synchronized (jdbcLock) {
                    committer.commit(group);
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("Journal thread failed; failing the units still queued", e);
            StoreException failure = new StoreException("journal thread failed: " + e, e);
            for (PendingUnit unit : queue.closeAndDrain()) {
                unit.done().completeExceptionally(failure);
            }
        } finally {
            synchronized (pageReader) {
                pageReader.close();
            }
            synchronized (jdbcLock) {
                connectionClosed = true;
                committer.close();
                closeQuietly(connection);
            }
            OPEN_DIRECTORIES.remove(directory);
            LOG.info("Closed message store in {} after {} units in {} commits", directory, unitCount(), commitCount());
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing the H2 connection failed", e);
        }
    }
}
