package dev.tern.broker.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the operations of several units into the current transaction with JDBC batches; it neither
 * commits nor rolls back.
 *
 * <p>One batch per statement kind, yet the effect equals running every op one by one in order.
 * Ops on different rows commute, and the tables have no foreign keys, so ops are collected into a
 * <em>segment</em> in which each row (a message ID, a reference, a queue name) is touched at most
 * once; the segment's batches may then run in any fixed order. An op that touches a row already in
 * the segment flushes the segment first. {@link StoreOp.RemoveQueue} reads other rows, so it flushes
 * and runs on its own. In the usual group (sends and acknowledgments of distinct messages) a whole
 * group is one segment: a handful of {@code executeBatch} calls however many units it holds.
 */
final class SqlUnitWriter implements AutoCloseable {

    private final Batch deleteQueue;
    private final Batch insertQueue;
    private final Batch insertMessage;
    private final Batch deleteMessage;
    private final Batch insertRef;
    private final Batch deleteRef;
    private final Batch updateDeliveryCount;
    private final Batch deleteDuplicateId;
    private final Batch insertDuplicateId;
    private final Batch removeDuplicateId;
    private final List<Batch> flushOrder;
    private final PreparedStatement deleteMessagesOnlyOnQueue;
    private final PreparedStatement deleteRefsOfQueue;
    private final List<PreparedStatement> statements = new ArrayList<>();

    private final Set<Long> segmentMessages = new HashSet<>();
    private final Set<RefKey> segmentRefs = new HashSet<>();
    private final Set<String> segmentQueues = new HashSet<>();
    private final Set<List<String>> segmentDuplicateIds = new HashSet<>();

    private record RefKey(long messageId, String queueName) {
    }

    SqlUnitWriter(Connection connection) throws SQLException {
        try {
            deleteQueue = new Batch(prepare(connection, SqlSchema.DELETE_QUEUE));
            insertQueue = new Batch(prepare(connection, SqlSchema.INSERT_QUEUE));
            insertMessage = new Batch(prepare(connection, SqlSchema.INSERT_MESSAGE));
            deleteMessage = new Batch(prepare(connection, SqlSchema.DELETE_MESSAGE));
            insertRef = new Batch(prepare(connection, SqlSchema.INSERT_REF));
            deleteRef = new Batch(prepare(connection, SqlSchema.DELETE_REF));
            updateDeliveryCount = new Batch(prepare(connection, SqlSchema.UPDATE_DELIVERY_COUNT));
            deleteDuplicateId = new Batch(prepare(connection, SqlSchema.DELETE_DUPLICATE_ID));
            insertDuplicateId = new Batch(prepare(connection, SqlSchema.INSERT_DUPLICATE_ID));
            removeDuplicateId = new Batch(prepare(connection, SqlSchema.DELETE_DUPLICATE_ID_IF_SEQ));
            deleteMessagesOnlyOnQueue = prepare(connection, SqlSchema.DELETE_MESSAGES_ONLY_ON_QUEUE);
            deleteRefsOfQueue = prepare(connection, SqlSchema.DELETE_REFS_OF_QUEUE);
        } catch (SQLException e) {
            close();
            throw e;
        }
        // Any order is correct within a segment; this one deletes a queue row before re-inserting it.
        // Message deletions go after reference deletions: they only delete messages no reference holds.
        // Likewise a duplicate ID row is deleted before it is inserted again.
        flushOrder = List.of(deleteQueue, insertQueue, insertMessage, insertRef, deleteRef, deleteMessage,
                updateDeliveryCount, deleteDuplicateId, insertDuplicateId, removeDuplicateId);
    }

    /** Executes all ops of the units, in effect in order. On failure the transaction must be rolled back. */
    void write(List<PendingUnit> units) throws SQLException {
        try {
            for (PendingUnit unit : units) {
                List<StoreOp> ops = unit.ops();
                for (int i = 0; i < ops.size(); i++) {
                    write(ops.get(i), unit.encoded()[i]);
                }
            }
            flushSegment();
        } finally {
            discardSegment();
        }
    }

    private void write(StoreOp op, byte[] encoded) throws SQLException {
        if (op instanceof StoreOp.RemoveQueue remove) {
            flushSegment();
            removeQueue(remove.queueName());
            return;
        }
        if (!claimRow(op)) {
            flushSegment();
            claimRow(op);
        }
        if (op instanceof StoreOp.AddQueue add) {
            QueueRecord q = add.queue();
            deleteQueue.statement.setString(1, q.name());
            deleteQueue.add();
            PreparedStatement s = insertQueue.statement;
            s.setString(1, q.name());
            s.setString(2, q.address());
            s.setBoolean(3, q.topicSubscription());
            s.setString(4, q.selector());
            s.setBoolean(5, q.noLocal());
            s.setString(6, q.clientId());
            s.setString(7, q.subscriptionName());
            s.setBoolean(8, q.shared());
            insertQueue.add();
        } else if (op instanceof StoreOp.AddMessage add) {
            insertMessage.statement.setLong(1, add.messageId());
            insertMessage.statement.setBytes(2, encoded);
            insertMessage.add();
        } else if (op instanceof StoreOp.DeleteMessage delete) {
            deleteMessage.statement.setLong(1, delete.messageId());
            deleteMessage.statement.setLong(2, delete.messageId());
            deleteMessage.add();
        } else if (op instanceof StoreOp.AddReference add) {
            insertRef.statement.setString(1, add.queueName());
            insertRef.statement.setLong(2, add.messageId());
            insertRef.add();
        } else if (op instanceof StoreOp.RemoveReference remove) {
            deleteRef.statement.setString(1, remove.queueName());
            deleteRef.statement.setLong(2, remove.messageId());
            deleteRef.add();
        } else if (op instanceof StoreOp.UpdateDeliveryCount update) {
            updateDeliveryCount.statement.setInt(1, update.deliveryCount());
            updateDeliveryCount.statement.setString(2, update.queueName());
            updateDeliveryCount.statement.setLong(3, update.messageId());
            updateDeliveryCount.add();
        } else if (op instanceof StoreOp.AddDuplicateId add) {
            deleteDuplicateId.statement.setString(1, add.address());
            deleteDuplicateId.statement.setString(2, add.duplicateId());
            deleteDuplicateId.add();
            PreparedStatement s = insertDuplicateId.statement;
            s.setString(1, add.address());
            s.setString(2, add.duplicateId());
            s.setLong(3, add.sequence());
            s.setLong(4, add.addedAt());
            insertDuplicateId.add();
        } else if (op instanceof StoreOp.RemoveDuplicateId remove) {
            removeDuplicateId.statement.setString(1, remove.address());
            removeDuplicateId.statement.setString(2, remove.duplicateId());
            removeDuplicateId.statement.setLong(3, remove.sequence());
            removeDuplicateId.add();
        } else {
            throw new IllegalArgumentException("unknown store op " + op);
        }
    }

    /** Adds the row the op touches to the segment; false if the segment already touches it. */
    private boolean claimRow(StoreOp op) {
        if (op instanceof StoreOp.AddQueue add) {
            return segmentQueues.add(add.queue().name());
        } else if (op instanceof StoreOp.AddMessage add) {
            return segmentMessages.add(add.messageId());
        } else if (op instanceof StoreOp.DeleteMessage delete) {
            return segmentMessages.add(delete.messageId());
        } else if (op instanceof StoreOp.AddReference add) {
            return segmentRefs.add(new RefKey(add.messageId(), add.queueName()));
        } else if (op instanceof StoreOp.RemoveReference remove) {
            return segmentRefs.add(new RefKey(remove.messageId(), remove.queueName()));
        } else if (op instanceof StoreOp.UpdateDeliveryCount update) {
            return segmentRefs.add(new RefKey(update.messageId(), update.queueName()));
        } else if (op instanceof StoreOp.AddDuplicateId add) {
            return segmentDuplicateIds.add(List.of(add.address(), add.duplicateId()));
        } else if (op instanceof StoreOp.RemoveDuplicateId remove) {
            return segmentDuplicateIds.add(List.of(remove.address(), remove.duplicateId()));
        }
        return true;
    }

    private void removeQueue(String queueName) throws SQLException {
        deleteMessagesOnlyOnQueue.setString(1, queueName);
        deleteMessagesOnlyOnQueue.setString(2, queueName);
        deleteMessagesOnlyOnQueue.executeUpdate();
        deleteRefsOfQueue.setString(1, queueName);
        deleteRefsOfQueue.executeUpdate();
        deleteQueue.statement.setString(1, queueName);
        deleteQueue.statement.executeUpdate();
    }

    private void flushSegment() throws SQLException {
        for (Batch batch : flushOrder) {
            batch.flush();
        }
        segmentMessages.clear();
        segmentRefs.clear();
        segmentQueues.clear();
        segmentDuplicateIds.clear();
    }

    /** After a failure, forgets what the statements still hold so the next write starts clean. */
    private void discardSegment() {
        for (Batch batch : flushOrder) {
            batch.discard();
        }
        segmentMessages.clear();
        segmentRefs.clear();
        segmentQueues.clear();
        segmentDuplicateIds.clear();
    }

    private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statements.add(statement);
        return statement;
    }

    @Override
    public void close() {
        for (PreparedStatement statement : statements) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection is closed next anyway
            }
        }
    }

    /** One prepared statement and how many parameter sets it holds. */
    private static final class Batch {
        final PreparedStatement statement;
        int pending;

        Batch(PreparedStatement statement) {
            this.statement = statement;
        }

        void add() throws SQLException {
            statement.addBatch();
            pending++;
        }

        void flush() throws SQLException {
            if (pending > 0) {
                statement.executeBatch();
                pending = 0;
            }
        }

        void discard() {
            if (pending > 0) {
                pending = 0;
                try {
                    statement.clearBatch();
                } catch (SQLException ignored) {
                    // nothing more to clear
                }
            }
        }
    }
}
