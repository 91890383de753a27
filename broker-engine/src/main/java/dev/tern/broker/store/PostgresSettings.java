package dev.tern.broker.store;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a broker keeps its journal when it is kept in a PostgreSQL database rather than in H2 on the local
 * disk, and how it shares that database with other brokers.
 *
 * <p>Any number of brokers may point at one database; exactly one of them is live, the one holding the
 * database's lease (see {@code PostgresLease}). A broker started while another holds it either refuses to
 * start, or, as a backup ({@code backup} true), waits for the lease and starts when it gets it.
 *
 * @param jdbcUrl a {@code jdbc:postgresql://host:port/database} URL
 * @param user the database user, or null to let the driver take it from the URL
 * @param password its password, or null
 * @param leaseTime how long the live broker's lease lasts without a renewal: the longest a backup waits for
 *     a live broker that died, and the time within which a live broker that cannot reach the database stops
 *     serving; it renews at a third of it
 * @param backup true to wait for the lease instead of refusing to start while another broker holds it
 */
public record PostgresSettings(String jdbcUrl, String user, String password, Duration leaseTime, boolean backup) {

    /** The lease time unless one is given: a live broker that dies is replaced within about this long. */
    public static final Duration DEFAULT_LEASE_TIME = Duration.ofSeconds(10);

    public PostgresSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): "
                    + jdbcUrl);
        }
        Objects.requireNonNull(leaseTime, "leaseTime");
        if (leaseTime.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("lease time must be at least 300 ms: " + leaseTime);
        }
    }

    /** A store at this URL, with the default lease time, that refuses to start while another broker is live. */
    public static PostgresSettings of(String jdbcUrl, String user, String password) {
        return new PostgresSettings(jdbcUrl, user, password, DEFAULT_LEASE_TIME, false);
    }

    public PostgresSettings withLeaseTime(Duration newLeaseTime) {
        return new PostgresSettings(jdbcUrl, user, password, newLeaseTime, backup);
    }

    public PostgresSettings withBackup(boolean newBackup) {
        return new PostgresSettings(jdbcUrl, user, password, leaseTime, newBackup);
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "PostgresSettings[" + jdbcUrl + ", user " + user + ", lease " + leaseTime.toMillis() + " ms"
                + (backup ? ", backup" : "") + "]";
    }
}
