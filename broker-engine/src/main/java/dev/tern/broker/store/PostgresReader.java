package dev.tern.broker.store;

import dev.tern.protocol.MessageRecord;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the PostgreSQL journal: everything or the index at start-up, after removing what no longer belongs to
 * it (as {@link JournalReader} does for H2: references to missing queues or messages, then messages nothing
 * holds, keeping those prepared XA branches send), and a queue's messages when it pages them in. Any thread;
 * each call takes a connection of its own and sees what completed units committed.
 */
final class PostgresReader {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresReader.class);

    private final DataSource dataSource;

    PostgresReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Everything stored, after removing dangling entries in a transaction that holds the lease at {@code epoch}. */
    StoredState load(long epoch) {
        try (Connection connection = dataSource.getConnection()) {
            LoadedBranches branches = removeDangling(connection, epoch, true);
            Set<Long> unreadable = new HashSet<>();
            List<StoredState.StoredMessage> messages = new ArrayList<>();
            try (Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false); // so that the driver streams the rows rather than reading them all
                statement.setFetchSize(1000);
                try (ResultSet rows = statement.executeQuery("SELECT id, body FROM tern_messages ORDER BY id")) {
                    while (rows.next()) {
                        long id = rows.getLong(1);
                        MessageRecord message = JournalReader.decode(id, rows.getBytes(2), null);
                        if (message == null) {
                            unreadable.add(id);
                        } else {
                            messages.add(new StoredState.StoredMessage(id, message));
                        }
                    }
                }
                List<StoredState.StoredReference> references = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery(
                        "SELECT message_id, queue_name, delivery_count FROM tern_refs ORDER BY message_id, queue_name")) {
                    while (rows.next()) {
                        long id = rows.getLong(1);
                        String queueName = rows.getString(2);
                        if (!unreadable.contains(id) && !branches.isLocked(id, queueName)) {
                            references.add(new StoredState.StoredReference(id, queueName, rows.getInt(3)));
                        }
                    }
                }
                connection.commit();
                return new StoredState(queues(connection), messages, references, duplicateIds(connection),
                        branches.branches());
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the store: " + e.getMessage(), e);
        }
    }

    /** The queues, each queue's message IDs, the highest ID ever stored and the prepared branches. */
    StoredIndex loadIndex(long epoch) {
        try (Connection connection = dataSource.getConnection()) {
            LoadedBranches branches = removeDangling(connection, epoch, false);
            Map<String, LongList> ids = new HashMap<>();
            try (Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.setFetchSize(10_000);
                try (ResultSet rows = statement.executeQuery(
                        "SELECT queue_name, message_id FROM tern_refs ORDER BY queue_name, message_id")) {
                    String queueName = null;
                    LongList list = null;
                    while (rows.next()) {
                        String name = rows.getString(1);
                        if (!name.equals(queueName)) {
                            queueName = name;
                            list = ids.computeIfAbsent(name, queue -> new LongList());
                        }
                        long id = rows.getLong(2);
                        if (!branches.isLocked(id, name)) {
                            list.add(id);
                        }
                    }
                }
                long lastMessageId;
                try (ResultSet rows = statement.executeQuery("SELECT greatest((SELECT last_id FROM tern_message_ids), "
                        + "(SELECT coalesce(max(id), 0) FROM tern_messages))")) {
                    rows.next();
                    lastMessageId = rows.getLong(1);
                }
                connection.commit();
                Map<String, long[]> arrays = new HashMap<>();
                ids.forEach((queue, list) -> arrays.put(queue, list.toArray()));
                return new StoredIndex(queues(connection), arrays, duplicateIds(connection), lastMessageId,
                        branches.branches());
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the store's index: " + e.getMessage(), e);
        }
    }

    /** The queue's references among these IDs, with their messages, ascending by ID. */
    List<StoredState.PagedMessage> readPage(String queueName, long[] messageIds) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement read = connection.prepareStatement("SELECT r.message_id, r.delivery_count, m.body "
                        + "FROM tern_refs r JOIN tern_messages m ON m.id = r.message_id "
                        + "WHERE r.queue_name = ? AND r.message_id = ANY (?) ORDER BY r.message_id")) {
            Array ids = connection.createArrayOf("int8", Arrays.stream(messageIds).boxed().toArray(Long[]::new));
            read.setString(1, queueName);
            read.setArray(2, ids);
            List<StoredState.PagedMessage> page = new ArrayList<>(messageIds.length);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong(1);
                    MessageRecord message = JournalReader.decode(id, rows.getBytes(3), queueName);
                    if (message != null) {
                        page.add(new StoredState.PagedMessage(id, rows.getInt(2), message));
                    }
                }
            }
            return page;
        } catch (SQLException e) {
            throw new StoreException("cannot read messages of queue " + queueName + ": " + e.getMessage(), e);
        }
    }

    /** The stored messages among these IDs, ascending by ID. */
    List<StoredState.StoredMessage> readMessages(long[] messageIds) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement read = connection.prepareStatement(
                        "SELECT id, body FROM tern_messages WHERE id = ANY (?) ORDER BY id")) {
            read.setArray(1, connection.createArrayOf("int8", Arrays.stream(messageIds).boxed().toArray(Long[]::new)));
            List<StoredState.StoredMessage> messages = new ArrayList<>(messageIds.length);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong(1);
                    MessageRecord message = JournalReader.decode(id, rows.getBytes(2), null);
                    if (message != null) {
                        messages.add(new StoredState.StoredMessage(id, message));
                    }
                }
            }
            return messages;
        } catch (SQLException e) {
            throw new StoreException("cannot read messages: " + e.getMessage(), e);
        }
    }

    /**
     * Drops references to missing queues and the messages they alone held, then, with {@code checkMessages} or if
     * the numbers of messages and of referenced messages disagree, references to missing messages and messages
     * nothing references but a prepared branch's send; all in one transaction that first checks the lease.
     * Returns the branches, trimmed to what is stored.
     *
     * <p>On a million messages ({@code docs/high-availability.md}): finding the queues that are gone takes under a
     * millisecond (one index probe per queue name), the two counts about 0.5 s, and the two anti-joins that
     * {@link #load} always runs about 3 s; so {@link #loadIndex} runs them only when the counts say that something
     * dangles, as the H2 journal does.
     */
    private LoadedBranches removeDangling(Connection connection, long epoch, boolean checkMessages)
            throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            checkLease(connection, epoch);
            StoredBranches stored = readBranches(statement);
            Long[] sent = LoadedBranches.sentMessageIds(stored.branches()).toArray(Long[]::new);
            int references = deleteReferencesToMissingQueues(connection, sent);
            int orphans = 0;
            if (checkMessages || !countsAgree(connection, sent)) {
                references += statement.executeUpdate("DELETE FROM tern_refs r WHERE NOT EXISTS "
                        + "(SELECT 1 FROM tern_messages m WHERE m.id = r.message_id)");
                if (stored.complete()) {
                    orphans = deleteUnreferenced(connection, sent);
                }
            }
            LoadedBranches loaded = LoadedBranches.of(stored.branches(), id -> exists(connection,
                    "SELECT 1 FROM tern_messages WHERE id = ?", id, null),
                    (id, queueName) -> exists(connection,
                            "SELECT 1 FROM tern_refs WHERE message_id = ? AND queue_name = ?", id, queueName));
            connection.commit();
            if (references + orphans > 0) {
                LOG.warn("Removed {} references to deleted queues or missing messages and {} messages no queue "
                        + "referenced", references, orphans);
            }
            return loaded;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** The prepared branches as stored; {@code complete} is false if one could not be decoded. */
    private record StoredBranches(List<PreparedBranch> branches, boolean complete) {
    }

    private static StoredBranches readBranches(Statement statement) throws SQLException {
        List<PreparedBranch> branches = new ArrayList<>();
        boolean complete = true;
        try (ResultSet rows = statement.executeQuery("SELECT branch_key, branch FROM tern_xa_branches")) {
            while (rows.next()) {
                try {
                    branches.add(BranchCodec.decode(rows.getBytes(2)));
                } catch (RuntimeException e) {
                    LOG.error("Prepared XA branch {} cannot be decoded; leaving it out, and keeping the messages "
                            + "no queue references, since its sent messages may be among them", rows.getString(1), e);
                    complete = false;
                }
            }
        }
        return new StoredBranches(branches, complete);
    }

    /**
     * Deletes the references to queues that are gone, found by walking the distinct queue names of the references
     * on their index, and the messages they alone held; returns how many references.
     */
    private static int deleteReferencesToMissingQueues(Connection connection, Long[] sent) throws SQLException {
        List<String> gone = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("WITH RECURSIVE names AS (SELECT min(queue_name) AS name "
                        + "FROM tern_refs UNION ALL SELECT (SELECT min(queue_name) FROM tern_refs WHERE queue_name > "
                        + "names.name) FROM names WHERE names.name IS NOT NULL) SELECT name FROM names WHERE name IS "
                        + "NOT NULL AND NOT EXISTS (SELECT 1 FROM tern_queues q WHERE q.name = names.name)")) {
            while (rows.next()) {
                gone.add(rows.getString(1));
            }
        }
        int references = 0;
        for (String queueName : gone) {
            try (PreparedStatement delete = connection.prepareStatement("WITH gone AS (DELETE FROM tern_refs "
                    + "WHERE queue_name = ? RETURNING message_id) SELECT array_agg(message_id) FROM gone")) {
                delete.setString(1, queueName);
                try (ResultSet rows = delete.executeQuery()) {
                    rows.next();
                    Array ids = rows.getArray(1);
                    if (ids != null) {
                        references += ((Long[]) ids.getArray()).length;
                        try (PreparedStatement orphans = connection.prepareStatement("DELETE FROM tern_messages m "
                                + "WHERE m.id = ANY (?) AND NOT EXISTS (SELECT 1 FROM tern_refs r WHERE r.message_id "
                                + "= m.id) AND NOT (m.id = ANY (?))")) {
                            orphans.setArray(1, ids);
                            orphans.setArray(2, connection.createArrayOf("int8", sent));
                            orphans.executeUpdate();
                        }
                    }
                }
            }
        }
        return references;
    }

    /** True if every stored message is referenced or sent by a prepared branch, as far as the numbers tell. */
    private static boolean countsAgree(Connection connection, Long[] sent) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT (SELECT count(*) FROM tern_messages), "
                + "(SELECT count(DISTINCT message_id) FROM tern_refs), (SELECT count(*) FROM tern_messages m "
                + "WHERE m.id = ANY (?) AND NOT EXISTS (SELECT 1 FROM tern_refs r WHERE r.message_id = m.id))")) {
            count.setArray(1, connection.createArrayOf("int8", sent));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1) == rows.getLong(2) + rows.getLong(3);
            }
        }
    }

    /** Deletes the messages no queue references, but those prepared branches send; returns how many. */
    private static int deleteUnreferenced(Connection connection, Long[] sent) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM tern_messages m WHERE NOT EXISTS "
                + "(SELECT 1 FROM tern_refs r WHERE r.message_id = m.id) AND NOT (m.id = ANY (?))")) {
            delete.setArray(1, connection.createArrayOf("int8", sent));
            return delete.executeUpdate();
        }
    }

    /** Fails unless the lease is still held at this epoch, locking its row until the transaction ends. */
    static void checkLease(Connection connection, long epoch) throws SQLException {
        try (PreparedStatement check = connection.prepareStatement(
                "SELECT 1 FROM tern_lease WHERE epoch = ? FOR SHARE")) {
            check.setLong(1, epoch);
            try (ResultSet rows = check.executeQuery()) {
                if (!rows.next()) {
                    throw new StoreException("this broker no longer holds the store's lease of epoch " + epoch);
                }
            }
        }
    }

    private static boolean exists(Connection connection, String sql, long id, String name) {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, id);
            if (name != null) {
                query.setString(2, name);
            }
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the store: " + e.getMessage(), e);
        }
    }

    private static List<QueueRecord> queues(Connection connection) throws SQLException {
        List<QueueRecord> queues = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT record FROM tern_queues ORDER BY name")) {
            while (rows.next()) {
                queues.add(JournalRecords.decodeQueue(rows.getBytes(1)));
            }
        }
        return queues;
    }

    private static List<StoredState.StoredDuplicateId> duplicateIds(Connection connection) throws SQLException {
        List<StoredState.StoredDuplicateId> entries = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT address, duplicate_id, sequence, added_at "
                        + "FROM tern_duplicate_ids ORDER BY sequence")) {
            while (rows.next()) {
                entries.add(new StoredState.StoredDuplicateId(rows.getString(1), rows.getString(2), rows.getLong(3),
                        rows.getLong(4)));
            }
        }
        return entries;
    }
}
