package dev.tern.cli;

import dev.tern.broker.store.PostgresSettings;
import java.time.Duration;
import java.util.Locale;

/**
 * Where the standalone broker keeps its journal: H2 in its data directory (the default), or a PostgreSQL
 * database that it may share with backups (docs/high-availability.md).
 *
 * @param type {@code h2} or {@code postgresql}
 * @param jdbcUrl the PostgreSQL database, {@code jdbc:postgresql://host:port/database}
 * @param jdbcUser its user, or null
 * @param jdbcPassword its password, or null; the environment variable {@code TERN_JDBC_PASSWORD} gives it too,
 *     so that it need not stand on the command line
 * @param backup whether to wait as a backup while another broker is live, rather than refuse to start
 * @param leaseTime how long the live broker's lease lasts without renewal
 */
record StoreOptions(String type, String jdbcUrl, String jdbcUser, String jdbcPassword, boolean backup,
        Duration leaseTime) {

    static final StoreOptions DEFAULT = new StoreOptions("h2", null, null, null, false,
            PostgresSettings.DEFAULT_LEASE_TIME);

    StoreOptions {
        type = type.strip().toLowerCase(Locale.ROOT);
        if (!type.equals("h2") && !type.equals("postgresql")) {
            throw new IllegalArgumentException("store must be h2 or postgresql, was '" + type + "'");
        }
    }

    StoreOptions withType(String value) {
        return new StoreOptions(value, jdbcUrl, jdbcUser, jdbcPassword, backup, leaseTime);
    }

    StoreOptions withJdbcUrl(String value) {
        return new StoreOptions(type, value, jdbcUser, jdbcPassword, backup, leaseTime);
    }

    StoreOptions withJdbcUser(String value) {
        return new StoreOptions(type, jdbcUrl, value, jdbcPassword, backup, leaseTime);
    }

    StoreOptions withJdbcPassword(String value) {
        return new StoreOptions(type, jdbcUrl, jdbcUser, value, backup, leaseTime);
    }

    StoreOptions withBackup(boolean value) {
        return new StoreOptions(type, jdbcUrl, jdbcUser, jdbcPassword, value, leaseTime);
    }

    StoreOptions withLeaseTime(Duration value) {
        return new StoreOptions(type, jdbcUrl, jdbcUser, jdbcPassword, backup, value);
    }

    boolean isPostgres() {
        return type.equals("postgresql");
    }

    /**
     * The PostgreSQL store these ask for, or null for H2.
     *
     * @throws IllegalArgumentException if PostgreSQL is asked for without a JDBC URL, a JDBC URL or a backup
     *     without PostgreSQL
     */
    PostgresSettings postgres() {
        if (!isPostgres()) {
            if (jdbcUrl != null) {
                throw new IllegalArgumentException("jdbcUrl (--jdbc-url) is set but the store is h2; add "
                        + "store = postgresql (--store postgresql) to keep the journal there");
            }
            if (backup) {
                throw new IllegalArgumentException("a backup needs the PostgreSQL store it shares with the live broker: "
                        + "store = postgresql and jdbcUrl (--store postgresql --jdbc-url ...)");
            }
            return null;
        }
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("store = postgresql needs jdbcUrl (--jdbc-url), "
                    + "jdbc:postgresql://host:port/database");
        }
        String password = jdbcPassword != null ? jdbcPassword : System.getenv("TERN_JDBC_PASSWORD");
        return new PostgresSettings(jdbcUrl.strip(), jdbcUser, password, leaseTime, backup);
    }
}
