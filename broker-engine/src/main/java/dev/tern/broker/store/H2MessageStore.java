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
import java.util.concurrent.CompletionException;
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
    private final UnitQueue queue = new UnitQueue();
    private final Thread journalThread;
    /** Completed by the journal thread once the database is open, or failed if it cannot be opened. */
    private final CompletableFuture<OpenDatabase> opening = new CompletableFuture<>();
    /** Serializes use of the connection by load() and by the journal thread. */
    private final Object jdbcLock = new Object();
    private boolean connectionClosed;

    /** What the journal thread opened: the journal's connection and the one that reads pages. */
    private record OpenDatabase(Connection connection, GroupCommitter committer, SqlPageReader pageReader) {
    }

    /**
     * Opens or creates the store in {@code directory}, creating the directory if needed. The database
     * itself is opened on the journal thread, so that the caller can go on building what needs the store
     * meanwhile (opening H2 in a fresh JVM takes a few hundred milliseconds, mostly class loading).
     * Units applied before it is open wait for it; {@link #load}, {@link #loadIndex} and
     * {@link #readPage} wait for it, and throw the {@link StoreException} if it could not be opened.
     *
     * @param name names the journal thread, {@code tern-journal-<name>}
     * @throws StoreException if the directory cannot be created
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
        this.journalThread = new Thread(this::runJournal, "tern-journal-" + name);
        journalThread.start();
    }

    private OpenDatabase openDatabase() {
        Connection opened = null;
        Connection forPages = null;
        try {
            opened = DriverManager.getConnection(jdbcUrl(directory), "sa", "");
            opened.setAutoCommit(false);
            SqlSchema.create(opened, SqlSchema.H2_BINARY_TYPE);
            forPages = DriverManager.getConnection(jdbcUrl(directory), "sa", "");
            OpenDatabase database = new OpenDatabase(opened, new GroupCommitter(opened), new SqlPageReader(forPages));
            LOG.info("Opened message store in {}", directory);
            return database;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(forPages);
            closeQuietly(opened);
            throw new StoreException("cannot open message store in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The open database, once the journal thread has opened it. */
    private OpenDatabase database() {
        try {
            return opening.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof StoreException failure
                    ? new StoreException(failure.getMessage(), failure)
                    : new StoreException("cannot open message store in " + directory + ": " + cause, cause);
        }
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
        Connection connection = database().connection();
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
        Connection connection = database().connection();
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
        SqlPageReader pageReader = database().pageReader();
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

    /** Number of commits forced to disk so far; 0 until the database is open. */
    public long commitCount() {
        OpenDatabase database = opening.getNow(null);
        return database == null ? 0 : database.committer().commitCount();
    }

    /** Number of units applied so far; 0 until the database is open. */
    public long unitCount() {
        OpenDatabase database = opening.getNow(null);
        return database == null ? 0 : database.committer().unitCount();
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
        OpenDatabase database;
        try {
            database = openDatabase();
        } catch (RuntimeException | Error e) {
            opening.completeExceptionally(e);
            failQueuedUnits(e instanceof StoreException failure
                    ? failure
                    : new StoreException("cannot open message store in " + directory + ": " + e, e));
            OPEN_DIRECTORIES.remove(directory);
            return;
        }
        opening.complete(database);
        try {
            List<PendingUnit> group;
            while (!(group = queue.takeGroup(MAX_GROUP_UNITS, MAX_GROUP_BYTES)).isEmpty()) {
                synchronized (jdbcLock) {
                    database.committer().commit(group);
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("Journal thread failed; failing the units still queued", e);
            failQueuedUnits(new StoreException("journal thread failed: " + e, e));
        } finally {
            synchronized (database.pageReader()) {
                database.pageReader().close();
            }
            synchronized (jdbcLock) {
                connectionClosed = true;
                database.committer().close();
                closeQuietly(database.connection());
            }
            OPEN_DIRECTORIES.remove(directory);
            LOG.info("Closed message store in {} after {} units in {} commits", directory, unitCount(), commitCount());
        }
    }

    private void failQueuedUnits(StoreException failure) {
        for (PendingUnit unit : queue.closeAndDrain()) {
            unit.done().completeExceptionally(failure);
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
