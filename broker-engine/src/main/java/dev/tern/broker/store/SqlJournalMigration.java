package dev.tern.broker.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts the store of earlier versions, an H2 SQL database ({@code tern.mv.db} with the tables
 * {@code queues}, {@code messages}, {@code message_refs} and, since duplicate detection,
 * {@code duplicate_ids}), into the journal.
 *
 * <p>The journal is written to {@code tern-journal.mv.migrating}, synced, renamed to its real name and
 * the directory synced; only then is the old database renamed {@code tern.mv.db.migrated}, which may
 * be deleted. A crash at any point leaves either the old database alone, to be converted again, or a
 * complete journal that notes which file it came from (its size and modification time), so that the
 * rename is finished on the next start. A journal and an old database that it did not come from are
 * refused: which one holds the newer messages cannot be told. Dangling rows are copied as they are:
 * loading the journal removes them, as it removes any. The SQL store predates XA, so the journal starts
 * without prepared branches.
 */
final class SqlJournalMigration {

    private static final Logger LOG = LoggerFactory.getLogger(SqlJournalMigration.class);

    /** The SQL store's file in the store directory. */
    static final String OLD_FILE_NAME = "tern.mv.db";
    /** Key in the journal's {@code format} map: the converted file's size and modification time. */
    private static final String CONVERTED_FROM_KEY = "convertedFrom";
    /** Commit the journal being written after about this many bytes, so a large database is not held in memory. */
    private static final long BYTES_PER_COMMIT = 8L << 20;
    /** About what one reference adds, for counting towards {@link #BYTES_PER_COMMIT}. */
    private static final int REF_BYTES = 64;

    private SqlJournalMigration() {
    }

    /** Converts {@code directory}'s old database into {@code journal}, if there is one to convert. */
    static void migrateIfPresent(Path directory, Path journal) {
        Path old = directory.resolve(OLD_FILE_NAME);
        if (!Files.isRegularFile(old)) {
            return;
        }
        try {
            if (Files.exists(journal)) {
                checkConvertedFrom(journal, describe(old), old);
            } else {
                Path partial = journal.resolveSibling(journal.getFileName() + ".migrating");
                Files.deleteIfExists(partial);
                copy(directory, old, partial);
                Files.move(partial, journal, StandardCopyOption.ATOMIC_MOVE);
                syncDirectory(directory);
            }
            Files.move(old, old.resolveSibling(OLD_FILE_NAME + ".migrated"), StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(directory);
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot convert the SQL store " + old + " into the journal: " + e.getMessage(), e);
        }
        LOG.info("Converted the SQL store {} into {}; the old file is kept as {}.migrated and may be deleted",
                old, journal, OLD_FILE_NAME);
    }

    /** Size and modification time: what tells the database a journal was converted from. */
    private static String describe(Path old) throws IOException {
        return Files.size(old) + "@" + Files.getLastModifiedTime(old).toMillis();
    }

    private static void checkConvertedFrom(Path journal, String origin, Path old) {
        JournalMaps maps = JournalMaps.open(journal);
        try {
            if (!origin.equals(JournalMaps.formatMap(maps.store()).get(CONVERTED_FROM_KEY))) {
                throw new StoreException("both " + journal + " and the SQL store " + old + " exist, and the journal"
                        + " was not converted from it; move the one that is not wanted out of the directory");
            }
        } finally {
            maps.store().close();
        }
    }

    private static void copy(Path directory, Path old, Path target) throws SQLException, IOException {
        String url = "jdbc:h2:file:" + directory.resolve("tern") + ";DB_CLOSE_ON_EXIT=FALSE;IFEXISTS=TRUE";
        JournalMaps maps = JournalMaps.open(target);
        try {
            try (Connection connection = DriverManager.getConnection(url, "sa", "");
                    Statement s = connection.createStatement()) {
                Copier copier = new Copier(maps);
                copier.queues(s);
                copier.messages(s);
                copier.references(s);
                if (hasTable(connection, "DUPLICATE_IDS")) {
                    copier.duplicateIds(s);
                }
            }
            // Described once H2 has closed it: closing may still write to it.
            JournalMaps.formatMap(maps.store()).put(CONVERTED_FROM_KEY, describe(old));
            maps.store().commit();
            maps.store().sync();
        } finally {
            maps.store().close();
        }
    }

    private static boolean hasTable(Connection connection, String name) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, "PUBLIC", name, null)) {
            return tables.next();
        }
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Copies the rows of each table into the journal's maps, committing as the bytes add up. */
    private static final class Copier {
        private final JournalMaps maps;
        private long uncommittedBytes;

        Copier(JournalMaps maps) {
            this.maps = maps;
        }

        void queues(Statement s) throws SQLException {
            try (ResultSet rs = s.executeQuery("SELECT name, address, topic_subscription, selector, no_local,"
                    + " client_id, subscription_name, shared FROM queues")) {
                while (rs.next()) {
                    QueueRecord queue = new QueueRecord(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                            rs.getString(4), rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getBoolean(8));
                    maps.queues().put(queue.name(), JournalRecords.encodeQueue(queue));
                }
            }
        }

        void messages(Statement s) throws SQLException {
            try (ResultSet rs = s.executeQuery("SELECT id, encoded FROM messages")) {
                while (rs.next()) {
                    byte[] encoded = rs.getBytes(2);
                    maps.messages().put(rs.getLong(1), encoded);
                    added(encoded.length);
                }
            }
        }

        void references(Statement s) throws SQLException {
            try (ResultSet rs = s.executeQuery(
                    "SELECT message_id, queue_name, delivery_count FROM message_refs ORDER BY message_id, queue_name")) {
                while (rs.next()) {
                    long messageId = rs.getLong(1);
                    maps.putRefs(messageId, maps.refsOf(messageId).with(rs.getString(2), rs.getInt(3)));
                    added(REF_BYTES);
                }
            }
        }

        void duplicateIds(Statement s) throws SQLException {
            try (ResultSet rs = s.executeQuery("SELECT address, duplicate_id, seq_no, added_at FROM duplicate_ids")) {
                while (rs.next()) {
                    maps.putDuplicateId(new StoredState.StoredDuplicateId(rs.getString(1), rs.getString(2),
                            rs.getLong(3), rs.getLong(4)));
                }
            }
        }

        private void added(long bytes) {
            uncommittedBytes += bytes + 32;
            if (uncommittedBytes >= BYTES_PER_COMMIT) {
                maps.store().commit();
                uncommittedBytes = 0;
            }
        }
    }
}
