package dev.tern.broker.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MessageStore} in a PostgreSQL database, which several brokers may share: one live, the others
 * backups waiting to take over (see {@link PostgresSettings} and {@code PostgresLease}).
 *
 * <p><b>Group commit.</b> As with the H2 journal, {@link #apply} encodes the unit on the caller's thread and
 * queues it; the thread {@code tern-journal-<name>} takes the first waiting unit and every unit queued behind
 * it (at most {@value #MAX_GROUP_UNITS} units or about 16 MiB) and applies them in one transaction with one
 * call of the database function {@code tern_apply} ({@link PostgresUnitWriter}): one round trip and one
 * commit, whose write-ahead log flush makes the whole group durable. The futures then complete, in unit
 * order, on the thread {@code tern-journal-<name>-done}, while the journal thread goes on with the next
 * group. A group of lazy units only ({@link #applyLazily}) commits with {@code synchronous_commit} off: it
 * survives the broker's crash, and the next commit that waits for the disk covers it. A unit that cannot be
 * applied (a message stored twice, say) rolls its group back; the units are then retried one transaction
 * each, so that only the bad unit fails, with a {@link StoreException}.
 *
 * <p><b>When the database fails.</b> A unit whose transaction fails for a lost connection fails with a
 * {@link StoreException}; if the failure came during the commit, it may or may not have been committed, as
 * with a failed sync of the H2 journal. The next group takes a new connection from the pool, so units succeed
 * again as soon as the database answers; {@link #isHealthy} is false meanwhile.
 *
 * <p><b>Fencing.</b> The store opens only once it holds the database's lease, and renews it while open. Every
 * group checks the lease's epoch in its own transaction, so once another broker took over, this one's units
 * fail; and when the lease is lost, the action given to {@link #whenLeaseLost} runs (the broker stops).
 */
public final class PostgresMessageStore implements MessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresMessageStore.class);

    /** At most this many units share one transaction. */
    static final int MAX_GROUP_UNITS = 1000;
    /** About this many bytes of encoded messages share one transaction, unless one unit is larger. */
    static final long MAX_GROUP_BYTES = 16L << 20;
    /** The SQLSTATE {@code tern_apply} raises when the caller's epoch is no longer the lease's. */
    static final String FENCED = "TN001";

    private final String name;
    private final String url;
    private final HikariDataSource pool;
    private final HikariDataSource leasePool;
    private final PostgresLease lease;
    private final PostgresReader reader;
    private final UnitQueue queue = new UnitQueue();
    private final Thread journalThread;
    private final ExecutorService completer;
    private final AtomicLong units = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private volatile boolean healthy = true;
    private volatile JournalObserver observer = JournalObserver.NONE;
    private volatile Runnable onLeaseLost = () -> { };

    private PostgresMessageStore(PostgresSettings settings, String name, HikariDataSource pool,
            HikariDataSource leasePool, PostgresLease lease) {
        this.name = name;
        this.url = settings.jdbcUrl();
        this.pool = pool;
        this.leasePool = leasePool;
        this.lease = lease;
        this.reader = new PostgresReader(pool);
        this.completer = Executors.newSingleThreadExecutor(task -> new Thread(task, "tern-journal-" + name + "-done"));
        this.journalThread = new Thread(this::runJournal, "tern-journal-" + name);
        lease.keep(name, () -> onLeaseLost.run());
        journalThread.start();
    }

    /**
     * Connects, creates or upgrades the schema, and takes the lease, waiting for it as a backup if the settings
     * say so; blocks until then.
     *
     * @param name names this broker in the lease and the store's threads
     * @throws StoreException if the database cannot be reached, its schema is newer than this broker's, or
     *     another broker is live and this one is not a backup
     */
    public static PostgresMessageStore open(PostgresSettings settings, String name) {
        Objects.requireNonNull(name, "name");
        Duration leaseTime = settings.leaseTime();
        HikariDataSource pool = null;
        HikariDataSource leasePool = null;
        try {
            // A transaction left open by a broker cut off between tern_apply and its commit would hold the lease row's
            // shared lock, which a takeover waits for, until the server noticed the dead client; the server ends it
            // after the lease time instead.
            pool = pool(settings, "tern-" + name, 4, Duration.ofSeconds(10), Duration.ofSeconds(60).plus(leaseTime),
                    "-c idle_in_transaction_session_timeout=" + leaseTime.toMillis());
            // A takeover or renewal that waits for a lock gives up within a third of the lease, and tries again.
            leasePool = pool(settings, "tern-" + name + "-lease", 2, leaseTime.dividedBy(3), leaseTime.dividedBy(3),
                    "-c lock_timeout=" + leaseTime.dividedBy(3).toMillis());
            try (Connection connection = pool.getConnection()) {
                PostgresSchema.upgrade(connection);
            }
            PostgresLease lease = new PostgresLease(leasePool, name, leaseTime);
            lease.acquire(settings.backup());
            LOG.info("Opened message store {}", settings);
            return new PostgresMessageStore(settings, name, pool, leasePool, lease);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(pool, leasePool);
            throw e instanceof StoreException failure ? failure
                    : new StoreException("cannot open the message store at " + settings.jdbcUrl() + ": "
                            + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(pool, leasePool);
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting as a backup for the store at " + settings.jdbcUrl(), e);
        }
    }

    private static HikariDataSource pool(PostgresSettings settings, String poolName, int size, Duration connectTimeout,
            Duration socketTimeout, String sessionOptions) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(5000, connectTimeout.toMillis())));
        config.addDataSourceProperty("socketTimeout", Math.max(1, (int) Math.ceil(socketTimeout.toMillis() / 1000.0)));
        config.addDataSourceProperty("tcpKeepAlive", true);
        config.addDataSourceProperty("ApplicationName", poolName);
        // The broker's queries are short; JIT compiling the few long ones (start-up's) costs more than it saves.
        config.addDataSourceProperty("options", "-c jit=off " + sessionOptions);
        return new HikariDataSource(config);
    }

    /**
     * Runs {@code action}, on a thread of its own, when this store loses its lease, or at once if it has lost it
     * already; replaces the one before.
     */
    public void whenLeaseLost(Runnable action) {
        this.onLeaseLost = Objects.requireNonNull(action, "action");
        if (lease.isLost()) {
            new Thread(action, "tern-lease-lost-" + name).start();
        }
    }

    /** The lease's epoch this store writes at: it rises by one at every takeover. */
    public long epoch() {
        return lease.epoch();
    }

    /** Who holds the lease, as the database says: this broker, or the one that took over. */
    public String leaseHolder() {
        return lease.holder();
    }

    @Override
    public StoredState load() {
        return reader.load(lease.epoch());
    }

    @Override
    public StoredIndex loadIndex() {
        return reader.loadIndex(lease.epoch());
    }

    @Override
    public List<StoredState.PagedMessage> readPage(String queueName, long[] messageIds) {
        return reader.readPage(queueName, messageIds);
    }

    @Override
    public List<StoredState.StoredMessage> readMessages(long[] messageIds) {
        return reader.readMessages(messageIds);
    }

    @Override
    public boolean pagesToDisk() {
        return true;
    }

    @Override
    public CompletableFuture<Void> apply(List<StoreOp> unit) {
        return queue.submit(unit, false, this::closed);
    }

    @Override
    public CompletableFuture<Void> applyLazily(List<StoreOp> unit) {
        return queue.submit(unit, true, this::closed);
    }

    private IllegalStateException closed() {
        return new IllegalStateException("message store at " + url + " is closed");
    }

    /** Number of transactions committed so far, each holding one or more units. */
    @Override
    public long commitCount() {
        return commits.get();
    }

    /** Number of units applied so far. */
    @Override
    public long unitCount() {
        return units.get();
    }

    /** False while the database cannot be written, and once the lease is lost. */
    @Override
    public boolean isHealthy() {
        return healthy && !lease.isLost();
    }

    /** Tells an observer of every commit from now on, replacing the one before; for metrics. */
    @Override
    public void observe(JournalObserver newObserver) {
        this.observer = Objects.requireNonNull(newObserver, "observer");
    }

    /** The size of the journal's tables and their indexes in the database; 0 if it cannot be read. */
    @Override
    public long sizeBytes() {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery("SELECT sum(pg_total_relation_size(c.oid)) "
                        + "FROM pg_class c WHERE c.relname LIKE 'tern\\_%' AND c.relkind = 'r'")) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Refuses new units, commits those already queued, gives the lease up (so that a backup takes over at
     * once) and closes the connections. Called from a future's action, it returns without waiting.
     */
    @Override
    public void close() {
        queue.close();
        Thread current = Thread.currentThread();
        if (current == journalThread || current.getName().equals("tern-journal-" + name + "-done")) {
            return;
        }
        if (H2MessageStore.awaitEnd(journalThread)) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "journal at " + url;
    }

    private void runJournal() {
        Connection connection = null;
        try {
            List<PendingUnit> group;
            while (!(group = queue.takeGroup(MAX_GROUP_UNITS, MAX_GROUP_BYTES)).isEmpty()) {
                Throwable[] failed = new Throwable[group.size()];
                long started = System.nanoTime();
                if (lease.isLost()) {
                    GroupCommitter.fillMissing(failed, fence());
                } else {
                    try {
                        if (connection == null) {
                            connection = pool.getConnection();
                            connection.setAutoCommit(false);
                        }
                        healthy = commit(connection, group, failed);
                    } catch (SQLException | RuntimeException | Error e) {
                        healthy = false;
                        GroupCommitter.fillMissing(failed, cannotWrite(e));
                    }
                    if (!healthy) {
                        closeQuietly(connection);
                        connection = null;
                    }
                }
                long nanos = System.nanoTime() - started;
                List<PendingUnit> done = group;
                completer.execute(() -> complete(done, failed, nanos));
            }
        } catch (RuntimeException | Error e) {
            LOG.error("Journal thread failed; failing the units still queued and stopping the broker", e);
            for (PendingUnit unit : queue.closeAndDrain()) {
                unit.done().completeExceptionally(new StoreException("journal thread failed: " + e, e));
            }
            lease.lose("its journal thread failed: " + e);
        } finally {
            closeQuietly(connection);
            completer.shutdown();
            awaitCompleter();
            lease.close();
            closeQuietly(pool, leasePool);
            LOG.info("Closed message store at {} after {} units in {} commits", url, units.get(), commits.get());
        }
    }

    /**
     * Applies the group in one transaction, or each unit in one of its own if one of them fails, filling in
     * {@code failed}; returns false if the connection was lost, every unit not committed then failed.
     */
    private boolean commit(Connection connection, List<PendingUnit> group, Throwable[] failed) {
        boolean lazy = group.stream().allMatch(PendingUnit::lazy);
        try {
            writeAndCommit(connection, group, lazy);
            return true;
        } catch (SQLException e) {
            rollback(connection, e);
            if (isConnectionLost(e) || !isValid(connection)) {
                GroupCommitter.fillMissing(failed, cannotWrite(e));
                return false;
            }
            if (isFenced(e)) {
                GroupCommitter.fillMissing(failed, fence());
                return true;
            }
            if (group.size() == 1) {
                failed[0] = notApplied(group.get(0), e);
                return true;
            }
            LOG.debug("Group of {} units failed ({}); retrying each unit alone", group.size(), e.toString());
        }
        for (int i = 0; i < group.size(); i++) {
            try {
                writeAndCommit(connection, List.of(group.get(i)), false);
            } catch (SQLException e) {
                rollback(connection, e);
                boolean lost = isConnectionLost(e) || !isValid(connection);
                if (lost || isFenced(e)) {
                    Throwable failure = lost ? cannotWrite(e) : fence();
                    for (int rest = i; rest < group.size(); rest++) {
                        failed[rest] = failure;
                    }
                    return !lost;
                }
                failed[i] = notApplied(group.get(i), e);
            }
        }
        return true;
    }

    private void writeAndCommit(Connection connection, List<PendingUnit> units, boolean lazy) throws SQLException {
        if (lazy) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL synchronous_commit TO OFF");
            }
        }
        PostgresUnitWriter.write(connection, lease.epoch(), units);
        connection.commit();
        commits.incrementAndGet();
    }

    private static boolean isConnectionLost(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        return state.startsWith("08") || state.startsWith("57P");
    }

    /** Whether the connection still answers, after a failure that did not say it was lost. */
    private static boolean isValid(Connection connection) {
        try {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean isFenced(SQLException e) {
        return FENCED.equals(e.getSQLState());
    }

    /** Loses the lease, if not yet lost, and returns the failure of the units that find it so. */
    private StoreException fence() {
        if (!lease.isLost()) {
            lease.lose("another broker took over the store: " + lease.holder());
        }
        return new StoreException("this broker lost the store's lease at epoch " + lease.epoch()
                + "; another broker is live and nothing more is written from here");
    }

    private StoreException cannotWrite(Throwable e) {
        LOG.error("Writing to the store at {} failed: {}", url, e.getMessage());
        return new StoreException("the store at " + url + " could not be written (a unit may have committed if "
                + "the failure came with the commit): " + e.getMessage(), e);
    }

    private static StoreException notApplied(PendingUnit unit, SQLException e) {
        String reason = String.valueOf(e.getMessage());
        LOG.warn("Store unit of {} ops failed and was not applied: {}", unit.ops().size(), reason);
        return new StoreException("unit of " + unit.ops().size() + " ops was not applied: " + reason, e);
    }

    private void complete(List<PendingUnit> group, Throwable[] failed, long nanos) {
        int succeeded = 0;
        for (int i = 0; i < group.size(); i++) {
            if (failed[i] == null) {
                succeeded++;
                group.get(i).done().complete(null);
            } else {
                group.get(i).done().completeExceptionally(failed[i]);
            }
        }
        units.addAndGet(succeeded);
        if (succeeded > 0) {
            try {
                observer.forced(nanos, succeeded);
            } catch (RuntimeException e) {
                LOG.warn("Journal observer failed", e);
            }
        }
    }

    private void awaitCompleter() {
        boolean interrupted = false;
        while (!completer.isTerminated()) {
            try {
                completer.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rollback(Connection connection, SQLException cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing a store connection failed", e);
        }
    }

    private static void closeQuietly(HikariDataSource... pools) {
        for (HikariDataSource pool : pools) {
            if (pool != null) {
                pool.close();
            }
        }
    }
}
