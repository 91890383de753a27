package dev.tern.broker.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts the store of earlier versions, an H2 SQL database ({@code tern.mv.db} with the tables
 * {@code queues}, {@code messages}, {@code message_refs} and {@code duplicate_ids}), into the journal.
 *
 * <p>The journal is written to {@code tern-journal.mv.migrating}, synced, and only then renamed to
 * its real name; the old database is then renamed {@code tern.mv.db.migrated} and may be deleted. A
 * crash at any point leaves either the old database alone, to be converted again, or a complete
 * journal; the old database is never changed. Dangling rows are copied as they are: loading the
 * journal removes them, as it removes any.
 */
final class SqlJournalMigration {

    private static final Logger LOG = LoggerFactory.getLogger(SqlJournalMigration.class);

    static final String OLD_FILE_NAME = "tern.mv.db";
    /** Commit the journal being written after this many rows, so a large database is not held in memory. */
    private static final int ROWS_PER_COMMIT = 10_000;

    private SqlJournalMigration() {
    }

    /** Converts {@code directory}'s old database into {@code journal}, if there is one to convert. */
    static void migrateIfPresent(Path directory, Path journal) {
        Path old = directory.resolve(OLD_FILE_NAME);
        if (!Files.isRegularFile(old)) {
            return;
        }
        try {
            if (!Files.exists(journal)) {
                Path partial = journal.resolveSibling(journal.getFileName() + ".migrating");
                Files.deleteIfExists(partial);
                copy(directory, partial);
                Files.move(partial, journal, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(old, old.resolveSibling(OLD_FILE_NAME + ".migrated"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot convert the SQL store " + old + " into the journal: " + e.getMessage(), e);
        }
        LOG.info("Converted the SQL store {} into {}; the old file is kept as {}.migrated and may be deleted",
                old, journal, OLD_FILE_NAME);
    }

    private static void copy(Path directory, Path target) throws SQLException {
        String url = "jdbc:h2:file:" + directory.resolve("tern") + ";DB_CLOSE_ON_EXIT=FALSE;ACCESS_MODE_DATA=r";
        JournalMaps maps = JournalMaps.open(target);
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement s = connection.createStatement()) {
            copyQueues(s, maps);
            copyMessages(s, maps);
            copyReferences(s, maps);
            copyDuplicateIds(s, maps);
            maps.store().commit();
            maps.store().sync();
        } finally {
            maps.store().close();
        }
    }

    private static void copyQueues(Statement s, JournalMaps maps) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT name, address, topic_subscription, selector, no_local,"
                + " client_id, subscription_name, shared FROM queues")) {
            while (rs.next()) {
                QueueRecord queue = new QueueRecord(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        rs.getString(4), rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getBoolean(8));
                maps.queues().put(queue.name(), JournalRecords.encodeQueue(queue));
            }
        }
    }

    private static void copyMessages(Statement s, JournalMaps maps) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT id, encoded FROM messages")) {
            int rows = 0;
            while (rs.next()) {
                maps.messages().put(rs.getLong(1), rs.getBytes(2));
                commitEvery(++rows, maps);
            }
        }
    }

    private static void copyReferences(Statement s, JournalMaps maps) throws SQLException {
        try (ResultSet rs = s.executeQuery(
                "SELECT message_id, queue_name, delivery_count FROM message_refs ORDER BY message_id, queue_name")) {
            int rows = 0;
            while (rs.next()) {
                long messageId = rs.getLong(1);
                byte[] stored = maps.refs().get(messageId);
                RefList refs = (stored == null ? RefList.EMPTY : RefList.decode(stored)).with(rs.getString(2));
                maps.refs().put(messageId, refs.withDeliveryCount(refs.size() - 1, rs.getInt(3)).encode());
                commitEvery(++rows, maps);
            }
        }
    }

    private static void copyDuplicateIds(Statement s, JournalMaps maps) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT address, duplicate_id, seq_no, added_at FROM duplicate_ids")) {
            while (rs.next()) {
                StoredState.StoredDuplicateId entry = new StoredState.StoredDuplicateId(rs.getString(1),
                        rs.getString(2), rs.getLong(3), rs.getLong(4));
                maps.duplicateIds().put(JournalRecords.duplicateIdKey(entry.address(), entry.duplicateId()),
                        JournalRecords.encodeDuplicateId(entry));
            }
        }
    }

    private static void commitEvery(int rows, JournalMaps maps) {
        if (rows % ROWS_PER_COMMIT == 0) {
            maps.store().commit();
        }
    }
}
