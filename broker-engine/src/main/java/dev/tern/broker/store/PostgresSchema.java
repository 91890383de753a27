package dev.tern.broker.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the journal's tables in a PostgreSQL database: the scripts in {@link #SCRIPTS}, each
 * run once, in order, and recorded in {@code tern_schema_version}.
 *
 * <p>A runner of its own rather than Flyway or Liquibase: the broker knows its few scripts when it is built,
 * so there is nothing to scan for (which shaded jars make fragile), and all it needs is what PostgreSQL gives
 * by itself: transactional DDL, so a script and its version row commit together or not at all, and a
 * transaction-scoped advisory lock, so two brokers that start at once upgrade the schema once. A database
 * whose schema is newer than this broker knows is refused rather than written to.
 */
final class PostgresSchema {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSchema.class);

    /** The scripts, oldest first; script N brings the schema to version N. Never edit one that was released. */
    static final List<String> SCRIPTS = List.of("V1__journal.sql");

    /** Any fixed number, shared by every broker: the advisory lock that serializes upgrades. */
    private static final long UPGRADE_LOCK = 0x7465726E_00000001L;

    private PostgresSchema() {
    }

    /** Brings the database's schema to the newest version; returns that version. */
    static int upgrade(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + UPGRADE_LOCK + ")");
            statement.execute("CREATE TABLE IF NOT EXISTS tern_schema_version (version int PRIMARY KEY, "
                    + "script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            int current = currentVersion(statement);
            if (current > SCRIPTS.size()) {
                throw new StoreException("the database's Tern schema is at version " + current
                        + ", newer than this broker knows (" + SCRIPTS.size() + "); start a newer broker");
            }
            for (int version = current + 1; version <= SCRIPTS.size(); version++) {
                String script = SCRIPTS.get(version - 1);
                statement.execute(read(script));
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO tern_schema_version (version, script) VALUES (?, ?)")) {
                    record.setInt(1, version);
                    record.setString(2, script);
                    record.executeUpdate();
                }
                LOG.info("Brought the Tern schema to version {} ({})", version, script);
            }
            connection.commit();
            return SCRIPTS.size();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static int currentVersion(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM tern_schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String read(String script) {
        try (InputStream in = PostgresSchema.class.getResourceAsStream("postgresql/" + script)) {
            if (in == null) {
                throw new IllegalStateException("schema script " + script + " is missing from the broker's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
