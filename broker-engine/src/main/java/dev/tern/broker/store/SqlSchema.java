package dev.tern.broker.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The store's tables and statements, in SQL that H2 and PostgreSQL both accept. Only the binary
 * column type differs between them, so it is a parameter.
 *
 * <p>{@code message_refs} is the table of references; {@code REFERENCES} itself is an SQL keyword.
 * Text columns are {@code VARCHAR} without a length: queue names and selectors have no limit in JMS,
 * and both databases accept the form. There are no foreign keys on purpose: a reference may be
 * journaled for a queue that a concurrent unit just removed (the broker then discards it), and
 * {@link SqlStateReader} removes such dangling rows at start-up instead.
 */
final class SqlSchema {

    /**
     * H2's binary type for encoded messages. {@code VARBINARY} (max 1,000,000,000 bytes in H2 2.x)
     * keeps the value inline in the row, written in the same MVStore chunk as the rest of the
     * transaction. A {@code BLOB} would move every value over 256 bytes into H2's separate LOB
     * storage: more map writes per message, a stream to read it back, and deletion that happens
     * later in the background. Messages are encoded to a byte array in memory anyway, so a few MB
     * inline is fine. PostgreSQL will use {@code BYTEA} here.
     */
    static final String H2_BINARY_TYPE = "VARBINARY";

    static final String INSERT_QUEUE = "INSERT INTO queues (name, address, topic_subscription, selector,"
            + " no_local, client_id, subscription_name, shared) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String DELETE_QUEUE = "DELETE FROM queues WHERE name = ?";
    static final String INSERT_MESSAGE = "INSERT INTO messages (id, encoded) VALUES (?, ?)";
    /**
     * Deletes a message that no queue references any more. The broker may hold one message in more
     * than one object when queues page it (see {@code MessageQueue}), and each object counts only its
     * own references; the check here makes the last deletion the one that counts.
     */
    static final String DELETE_MESSAGE = "DELETE FROM messages WHERE id = ?"
            + " AND NOT EXISTS (SELECT 1 FROM message_refs r WHERE r.message_id = ?)";
    static final String INSERT_REF = "INSERT INTO message_refs (queue_name, message_id, delivery_count) VALUES (?, ?, 0)";
    static final String DELETE_REF = "DELETE FROM message_refs WHERE queue_name = ? AND message_id = ?";
    static final String UPDATE_DELIVERY_COUNT =
            "UPDATE message_refs SET delivery_count = ? WHERE queue_name = ? AND message_id = ?";

    static final String DELETE_DUPLICATE_ID = "DELETE FROM duplicate_ids WHERE address = ? AND duplicate_id = ?";
    static final String INSERT_DUPLICATE_ID =
            "INSERT INTO duplicate_ids (address, duplicate_id, seq_no, added_at) VALUES (?, ?, ?, ?)";
    static final String DELETE_DUPLICATE_ID_IF_SEQ =
            "DELETE FROM duplicate_ids WHERE address = ? AND duplicate_id = ? AND seq_no = ?";
    static final String SELECT_DUPLICATE_IDS =
            "SELECT address, duplicate_id, seq_no, added_at FROM duplicate_ids ORDER BY seq_no";

    /** Run before the queue's references go: deletes the messages that only this queue references. */
    static final String DELETE_MESSAGES_ONLY_ON_QUEUE = "DELETE FROM messages"
            + " WHERE id IN (SELECT message_id FROM message_refs WHERE queue_name = ?)"
            + " AND NOT EXISTS (SELECT 1 FROM message_refs r WHERE r.message_id = messages.id AND r.queue_name <> ?)";
    static final String DELETE_REFS_OF_QUEUE = "DELETE FROM message_refs WHERE queue_name = ?";

    static final String DELETE_REFS_WITHOUT_QUEUE = "DELETE FROM message_refs"
            + " WHERE NOT EXISTS (SELECT 1 FROM queues q WHERE q.name = message_refs.queue_name)";
    static final String DELETE_REFS_WITHOUT_MESSAGE = "DELETE FROM message_refs"
            + " WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = message_refs.message_id)";
    static final String DELETE_UNREFERENCED_MESSAGES = "DELETE FROM messages"
            + " WHERE NOT EXISTS (SELECT 1 FROM message_refs r WHERE r.message_id = messages.id)";

    static final String SELECT_QUEUES = "SELECT name, address, topic_subscription, selector, no_local,"
            + " client_id, subscription_name, shared FROM queues ORDER BY name";
    static final String SELECT_MESSAGES = "SELECT id, encoded FROM messages ORDER BY id";
    static final String SELECT_REF_IDS = "SELECT queue_name, message_id FROM message_refs ORDER BY queue_name, message_id";
    static final String SELECT_PAGE = "SELECT r.message_id, r.delivery_count, m.encoded FROM message_refs r"
            + " JOIN messages m ON m.id = r.message_id"
            + " WHERE r.queue_name = ? AND r.message_id BETWEEN ? AND ? ORDER BY r.message_id";
    static final String SELECT_REFS =
            "SELECT message_id, queue_name, delivery_count FROM message_refs ORDER BY message_id, queue_name";

    private SqlSchema() {
    }

    /** Creates the tables and the index if they do not exist yet, and commits. */
    static void create(Connection connection, String binaryType) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS queues ("
                    + "name VARCHAR PRIMARY KEY,"
                    + " address VARCHAR NOT NULL,"
                    + " topic_subscription BOOLEAN NOT NULL,"
                    + " selector VARCHAR,"
                    + " no_local BOOLEAN NOT NULL,"
                    + " client_id VARCHAR,"
                    + " subscription_name VARCHAR,"
                    + " shared BOOLEAN NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS messages ("
                    + "id BIGINT PRIMARY KEY,"
                    + " encoded " + binaryType + " NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS message_refs ("
                    + "queue_name VARCHAR NOT NULL,"
                    + " message_id BIGINT NOT NULL,"
                    + " delivery_count INT NOT NULL,"
                    + " PRIMARY KEY (queue_name, message_id))");
            s.execute("CREATE TABLE IF NOT EXISTS duplicate_ids ("
                    + "address VARCHAR NOT NULL,"
                    + " duplicate_id VARCHAR NOT NULL,"
                    + " seq_no BIGINT NOT NULL,"
                    + " added_at BIGINT NOT NULL,"
                    + " PRIMARY KEY (address, duplicate_id))");
            // Finding a message's references: orphan checks on queue removal and at load.
            s.execute("CREATE INDEX IF NOT EXISTS message_refs_by_message ON message_refs (message_id)");
        }
        connection.commit();
    }
}
