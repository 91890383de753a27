package dev.tern.broker.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to be the live broker on a shared PostgreSQL store: the one row of {@code tern_lease}, with an
 * epoch, an owner and an expiry time on the database's clock.
 *
 * <p><b>Why a lease row, not an advisory lock.</b> An advisory lock lasts as long as the session that took
 * it: a live broker whose JVM is paused (a long GC, a stopped VM) keeps it, and one cut off from the database
 * keeps it until the server notices the dead connection, which TCP may take minutes to do; the backups wait
 * all that time, and the live broker learns of the loss only when it next talks to the database. A lease
 * row expires on the database's own clock whatever the live broker's state, so a backup takes over after
 * {@code leaseTime}, and the live broker knows its own deadline on its own monotonic clock.
 *
 * <p><b>Fencing.</b> Taking the lease raises the epoch. Every group of units the store commits first checks,
 * in its own transaction and under a shared lock on the row, that the epoch is still its own ({@code
 * tern_apply}); a takeover's update waits for that lock, and a group that comes after it sees the new epoch
 * and fails. So a broker that lost the lease, however late it wakes up, never commits after another took it.
 *
 * <p><b>Stopping in time.</b> The holder renews every third of {@code leaseTime}; a renewal that began at
 * local time {@code t} and succeeded keeps it live until {@code t + leaseTime}, never later than the
 * expiry it wrote on the database's clock. When that deadline passes without a renewal, or a renewal finds
 * the epoch changed, the lease is lost: the callback given to {@link #keep} runs, once, and the broker stops
 * serving, before any backup can have taken over.
 */
final class PostgresLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresLease.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final DataSource dataSource;
    private final String owner;
    private final long leaseNanos;
    private final AtomicBoolean lost = new AtomicBoolean();
    private ScheduledExecutorService timer;
    private volatile Runnable onLost = () -> { };
    private volatile long epoch = -1;
    /** Local monotonic time until which the lease surely holds. */
    private volatile long validUntilNanos;

    /**
     * @param dataSource connections for the lease alone, so that its renewals never wait behind the journal's
     * @param owner names this broker in the row, for operators and for the other brokers' messages
     */
    PostgresLease(DataSource dataSource, String owner, Duration leaseTime) {
        this.dataSource = dataSource;
        this.owner = owner;
        this.leaseNanos = leaseTime.toNanos();
    }

    /** The epoch this broker holds the lease at; -1 before it got it. */
    long epoch() {
        return epoch;
    }

    /**
     * Takes the lease; if another broker holds it, waits for it when {@code wait}, else fails.
     *
     * @throws StoreException if another broker holds it and {@code wait} is false, or the database fails
     * @throws InterruptedException if interrupted while waiting
     */
    void acquire(boolean wait) throws InterruptedException {
        boolean told = false;
        while (!tryAcquire(wait)) {
            String holder = holder();
            if (!wait) {
                throw new StoreException("the database is in use by the live broker " + holder
                        + "; start this broker as a backup to take over when it stops");
            }
            if (!told) {
                LOG.info("Waiting as a backup: the live broker is {}", holder);
                told = true;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(leaseNanos / 4, TimeUnit.SECONDS.toNanos(1)));
        }
        LOG.info("{} holds the store's lease at epoch {} and is live", owner, epoch);
    }

    /**
     * Takes the lease if it has run out. A backup ({@code wait}) takes a database error for "not yet": the
     * takeover may have waited for a lock that a cut-off live broker's transaction still holds, until the server
     * ends that transaction ({@code idle_in_transaction_session_timeout}, see {@code PostgresMessageStore}).
     */
    private boolean tryAcquire(boolean wait) {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement take = connection.prepareStatement("UPDATE tern_lease SET epoch = epoch + 1, "
                        + "owner = ?, expires_at = clock_timestamp() + ? * interval '1 microsecond' "
                        + "WHERE expires_at < clock_timestamp() RETURNING epoch")) {
            take.setString(1, owner);
            take.setLong(2, leaseNanos / 1000);
            try (ResultSet rows = take.executeQuery()) {
                if (!rows.next()) {
                    return false;
                }
                epoch = rows.getLong(1);
                validUntilNanos = started + leaseNanos;
                return true;
            }
        } catch (SQLException e) {
            if (wait) {
                LOG.warn("Cannot take the store's lease yet ({}); trying again", e.getMessage());
                return false;
            }
            throw new StoreException("cannot take the store's lease: " + e.getMessage(), e);
        }
    }

    /** Who holds the lease and how much longer, for messages. */
    String holder() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement read = connection.prepareStatement("SELECT owner, epoch, "
                        + "greatest(0, extract(epoch FROM expires_at - clock_timestamp()) * 1000)::bigint FROM tern_lease");
                ResultSet rows = read.executeQuery()) {
            rows.next();
            return rows.getString(1) + " (epoch " + rows.getLong(2) + ", lease runs " + rows.getLong(3) + " ms more)";
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Renews the lease from now on; {@code onLost} runs once, on a thread of its own, when it is lost. */
    synchronized void keep(String name, Runnable whenLost) {
        this.onLost = whenLost;
        timer = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "tern-lease-" + name + "-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, leaseNanos / 3);
        timer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.NANOSECONDS);
        long check = Math.max(1, leaseNanos / 20);
        timer.scheduleWithFixedDelay(() -> {
            // A tenth of the lease early, so that a check that comes late still stops before the lease runs out.
            if (System.nanoTime() - (validUntilNanos - leaseNanos / 10) > 0) {
                lose("it could not be renewed for " + TimeUnit.NANOSECONDS.toMillis(leaseNanos) + " ms");
            }
        }, check, check, TimeUnit.NANOSECONDS);
    }

    /** True once the lease is lost; the store then refuses to write. */
    boolean isLost() {
        return lost.get();
    }

    private void renew() {
        if (lost.get()) {
            return;
        }
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement renew = connection.prepareStatement("UPDATE tern_lease SET expires_at = "
                        + "clock_timestamp() + ? * interval '1 microsecond' WHERE epoch = ? AND owner = ?")) {
            renew.setLong(1, leaseNanos / 1000);
            renew.setLong(2, epoch);
            renew.setString(3, owner);
            renew.setQueryTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(leaseNanos / 3)));
            if (renew.executeUpdate() == 1) {
                validUntilNanos = started + leaseNanos;
            } else {
                lose("another broker took it: " + holder());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Cannot renew the store's lease ({}); it runs out in {} ms", e.getMessage(),
                    Math.max(0, TimeUnit.NANOSECONDS.toMillis(validUntilNanos - System.nanoTime())));
        }
    }

    /** Marks the lease lost, as the store does when a commit finds the epoch changed. */
    void lose(String reason) {
        if (lost.compareAndSet(false, true)) {
            LOG.error("{} lost the store's lease at epoch {}: {}; it stops serving", owner, epoch, reason);
            Thread stopper = new Thread(onLost, "tern-lease-lost-" + owner);
            stopper.setDaemon(false);
            stopper.start();
        }
    }

    /** Waits for a renewal under way, so that it cannot extend the lease after it was given up. */
    private void awaitTimer() {
        try {
            if (!timer.awaitTermination(Math.max(1, TimeUnit.NANOSECONDS.toMillis(leaseNanos)), TimeUnit.MILLISECONDS)) {
                LOG.warn("A renewal of the store's lease did not end in time; the lease is given up anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops renewing and, unless it was lost, gives the lease up so that a backup takes over at once. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            awaitTimer();
        }
        if (epoch < 0 || !lost.compareAndSet(false, true)) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement release = connection.prepareStatement(
                        "UPDATE tern_lease SET owner = NULL, expires_at = '-infinity' WHERE epoch = ?")) {
            release.setLong(1, epoch);
            release.executeUpdate();
            LOG.info("{} gave the store's lease up at epoch {}", owner, epoch);
        } catch (SQLException e) {
            LOG.warn("Cannot give the store's lease up ({}); a backup takes over when it runs out", e.getMessage());
        }
    }
}
