package dev.tern.broker.store;

import dev.tern.protocol.MessageCodec;
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
            LoadedBranches branches = removeDangling(connection, epoch);
            Set<Long> unreadable = new HashSet<>();
            List<StoredState.StoredMessage> messages = new ArrayList<>();
            try (Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false); // so that the driver streams the rows rather than reading them all
                statement.setFetchSize(1000);
                try (ResultSet rows = statement.executeQuery("SELECT id, body FROM tern_messages ORDER BY id")) {
                    while (rows.next()) {
                        long id = rows.getLong(1);
                        MessageRecord message = decode(id, rows.getBytes(2), null);
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
            LoadedBranches branches = removeDangling(connection, epoch);
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
                    MessageRecord message = decode(id, rows.getBytes(3), queueName);
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
                    MessageRecord message = decode(id, rows.getBytes(2), null);
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
     * Drops references to missing queues or messages and messages nothing references but a prepared branch's
     * send, in one transaction that first checks the lease; returns the branches, trimmed to what is stored.
     */
    private LoadedBranches removeDangling(Connection connection, long epoch) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            checkLease(connection, epoch);
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
            int references = statement.executeUpdate("DELETE FROM tern_refs r WHERE NOT EXISTS "
                    + "(SELECT 1 FROM tern_queues q WHERE q.name = r.queue_name) OR NOT EXISTS "
                    + "(SELECT 1 FROM tern_messages m WHERE m.id = r.message_id)");
            int orphans = 0;
            if (complete) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM tern_messages m WHERE NOT EXISTS "
                        + "(SELECT 1 FROM tern_refs r WHERE r.message_id = m.id) AND NOT (m.id = ANY (?))")) {
                    delete.setArray(1, connection.createArrayOf("int8",
                            LoadedBranches.sentMessageIds(branches).toArray(Long[]::new)));
                    orphans = delete.executeUpdate();
                }
            }
            LoadedBranches loaded = LoadedBranches.of(branches, id -> exists(connection,
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

    private static MessageRecord decode(long id, byte[] encoded, String queueName) {
        try {
            return MessageCodec.decode(encoded);
        } catch (RuntimeException e) {
            LOG.error("Stored message {}{} cannot be decoded; leaving it out", id,
                    queueName == null ? "" : " on queue " + queueName, e);
            return null;
        }
    }
}
