package dev.tern.broker.store;

import dev.tern.protocol.MessageCodec;
import dev.tern.protocol.MessageRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the store's state at start-up, after removing what no longer belongs to it: references to
 * queues or messages that are gone, then messages no queue references.
 *
 * <p>A message that cannot be decoded is logged and left out, with its references, so one damaged
 * row does not stop the broker; the row stays in the database for inspection.
 */
final class SqlStateReader {

    private static final Logger LOG = LoggerFactory.getLogger(SqlStateReader.class);

    private SqlStateReader() {
    }

    static StoredState load(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            removeDangling(connection, s);
            List<QueueRecord> queues = readQueues(s);
            Set<Long> unreadable = new HashSet<>();
            List<StoredState.StoredMessage> messages = readMessages(s, unreadable);
            List<StoredState.StoredReference> references = readReferences(s, unreadable);
            List<StoredState.StoredDuplicateId> duplicateIds = readDuplicateIds(s);
            connection.commit();
            return new StoredState(queues, messages, references, duplicateIds);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** Reads the queues and the IDs of the messages on each, leaving the messages on disk. */
    static StoredIndex loadIndex(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            removeDangling(connection, s);
            List<QueueRecord> queues = readQueues(s);
            Map<String, long[]> ids = new HashMap<>();
            try (ResultSet rs = s.executeQuery(SqlSchema.SELECT_REF_IDS)) {
                String queue = null;
                LongList onQueue = new LongList();
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (!name.equals(queue)) {
                        if (queue != null) {
                            ids.put(queue, onQueue.toArray());
                        }
                        queue = name;
                        onQueue = new LongList();
                    }
                    onQueue.add(rs.getLong(2));
                }
                if (queue != null) {
                    ids.put(queue, onQueue.toArray());
                }
            }
            List<StoredState.StoredDuplicateId> duplicateIds = readDuplicateIds(s);
            connection.commit();
            return new StoredIndex(queues, ids, duplicateIds);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private static void removeDangling(Connection connection, Statement s) throws SQLException {
        int withoutQueue = s.executeUpdate(SqlSchema.DELETE_REFS_WITHOUT_QUEUE);
        int withoutMessage = s.executeUpdate(SqlSchema.DELETE_REFS_WITHOUT_MESSAGE);
        int unreferenced = s.executeUpdate(SqlSchema.DELETE_UNREFERENCED_MESSAGES);
        connection.commit();
        if (withoutQueue + withoutMessage + unreferenced > 0) {
            LOG.info("Removed {} references to deleted queues, {} references to missing messages"
                    + " and {} unreferenced messages", withoutQueue, withoutMessage, unreferenced);
        }
    }

    private static List<QueueRecord> readQueues(Statement s) throws SQLException {
        List<QueueRecord> queues = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(SqlSchema.SELECT_QUEUES)) {
            while (rs.next()) {
                queues.add(new QueueRecord(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                        rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getBoolean(8)));
            }
        }
        return queues;
    }

    private static List<StoredState.StoredMessage> readMessages(Statement s, Set<Long> unreadable)
            throws SQLException {
        List<StoredState.StoredMessage> messages = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(SqlSchema.SELECT_MESSAGES)) {
            while (rs.next()) {
                long id = rs.getLong(1);
                MessageRecord message;
                try {
                    message = MessageCodec.decode(rs.getBytes(2));
                } catch (RuntimeException e) {
                    LOG.error("Stored message {} cannot be decoded; leaving it out", id, e);
                    unreadable.add(id);
                    continue;
                }
                messages.add(new StoredState.StoredMessage(id, message));
            }
        }
        return messages;
    }

    private static List<StoredState.StoredReference> readReferences(Statement s, Set<Long> unreadable)
            throws SQLException {
        List<StoredState.StoredReference> references = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(SqlSchema.SELECT_REFS)) {
            while (rs.next()) {
                long messageId = rs.getLong(1);
                if (!unreadable.contains(messageId)) {
                    references.add(new StoredState.StoredReference(messageId, rs.getString(2), rs.getInt(3)));
                }
            }
        }
        return references;
    }

    private static List<StoredState.StoredDuplicateId> readDuplicateIds(Statement s) throws SQLException {
        List<StoredState.StoredDuplicateId> duplicateIds = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(SqlSchema.SELECT_DUPLICATE_IDS)) {
            while (rs.next()) {
                duplicateIds.add(new StoredState.StoredDuplicateId(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getLong(4)));
            }
        }
        return duplicateIds;
    }
}
