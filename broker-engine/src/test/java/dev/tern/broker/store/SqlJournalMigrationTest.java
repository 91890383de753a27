package dev.tern.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.protocol.MessageCodec;
import dev.tern.protocol.MessageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory written by the SQL store of earlier versions opens with everything it held. */
class SqlJournalMigrationTest {

    @TempDir
    Path dir;

    private final MessageRecord first = TestMessages.simple("orders", "first");
    private final MessageRecord second = TestMessages.simple("orders", "second");
    private final QueueRecord subscription =
            new QueueRecord("sub-queue", "prices", true, "price > 10", true, "client", "sub", false);

    @Test
    void convertsQueuesMessagesReferencesAndDuplicateIdsOnce() throws Exception {
        writeSqlStore(true);
        // Left over from a conversion that crashed before it finished: written again from scratch.
        Files.write(dir.resolve(JournalMaps.FILE_NAME + ".migrating"), new byte[] {1, 2, 3});

        try (H2MessageStore store = new H2MessageStore(dir, "migrated")) {
            StoredState state = store.load();

            assertThat(state.queues()).containsExactly(QueueRecord.plainQueue("orders"), subscription);
            assertThat(state.messages()).containsExactly(
                    new StoredState.StoredMessage(1, first), new StoredState.StoredMessage(2, second));
            assertThat(state.references()).containsExactly(
                    new StoredState.StoredReference(1, "orders", 3),
                    new StoredState.StoredReference(1, "sub-queue", 0),
                    new StoredState.StoredReference(2, "orders", 0));
            assertThat(state.duplicateIds()).containsExactly(
                    new StoredState.StoredDuplicateId("queue://orders", "dup-1", 7, 1234));
        }
        assertThat(dir.resolve(SqlJournalMigration.OLD_FILE_NAME)).doesNotExist();
        assertThat(dir.resolve(SqlJournalMigration.OLD_FILE_NAME + ".migrated")).exists();
        assertThat(dir.resolve(JournalMaps.FILE_NAME + ".migrating")).doesNotExist();

        try (H2MessageStore reopened = new H2MessageStore(dir, "reopened")) {
            assertThat(reopened.loadIndex().messageIdsOf("orders")).containsExactly(1, 2);
        }
    }

    @Test
    void aConversionInterruptedBetweenItsTwoRenamesIsFinishedOnTheNextStart() throws Exception {
        writeSqlStore(true);
        new H2MessageStore(dir, "converted").close();
        // As if the broker died after renaming the journal into place and before setting the old file aside.
        Files.move(dir.resolve(SqlJournalMigration.OLD_FILE_NAME + ".migrated"),
                dir.resolve(SqlJournalMigration.OLD_FILE_NAME));

        try (H2MessageStore store = new H2MessageStore(dir, "finished")) {
            assertThat(store.load().messages()).hasSize(2);
        }
        assertThat(dir.resolve(SqlJournalMigration.OLD_FILE_NAME)).doesNotExist();
    }

    @Test
    void aJournalAndAnSqlStoreItWasNotConvertedFromAreRefusedAndBothKept() throws Exception {
        try (H2MessageStore store = new H2MessageStore(dir, "journal-first")) {
            store.load();
            store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("kept")))).join();
        }
        writeSqlStore(true);

        H2MessageStore store = new H2MessageStore(dir, "refused");
        assertThatThrownBy(store::load).isInstanceOf(StoreException.class)
                .hasMessageContaining("was not converted from it");
        store.close();
        assertThat(dir.resolve(SqlJournalMigration.OLD_FILE_NAME)).exists();
        Files.delete(dir.resolve(SqlJournalMigration.OLD_FILE_NAME));
        try (H2MessageStore reopened = new H2MessageStore(dir, "reopened")) {
            assertThat(reopened.load().queues()).containsExactly(QueueRecord.plainQueue("kept"));
        }
    }

    @Test
    void anSqlStoreFromBeforeDuplicateDetectionConverts() throws Exception {
        writeSqlStore(false);

        try (H2MessageStore store = new H2MessageStore(dir, "no-duplicate-ids")) {
            StoredState state = store.load();
            assertThat(state.messages()).hasSize(2);
            assertThat(state.duplicateIds()).isEmpty();
        }
    }

    /** The tables and rows the SQL store wrote, as it wrote them. */
    private void writeSqlStore(boolean withDuplicateIds) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("tern"), "sa", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE queues (name VARCHAR PRIMARY KEY, address VARCHAR NOT NULL,"
                    + " topic_subscription BOOLEAN NOT NULL, selector VARCHAR, no_local BOOLEAN NOT NULL,"
                    + " client_id VARCHAR, subscription_name VARCHAR, shared BOOLEAN NOT NULL)");
            s.execute("CREATE TABLE messages (id BIGINT PRIMARY KEY, encoded VARBINARY NOT NULL)");
            s.execute("CREATE TABLE message_refs (queue_name VARCHAR NOT NULL, message_id BIGINT NOT NULL,"
                    + " delivery_count INT NOT NULL, PRIMARY KEY (queue_name, message_id))");
            s.execute("INSERT INTO queues VALUES ('orders', 'orders', FALSE, NULL, FALSE, NULL, NULL, FALSE)");
            s.execute("INSERT INTO queues VALUES ('sub-queue', 'prices', TRUE, 'price > 10', TRUE, 'client', 'sub', FALSE)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO messages VALUES (?, ?)")) {
                insert.setLong(1, 1);
                insert.setBytes(2, MessageCodec.encode(first));
                insert.executeUpdate();
                insert.setLong(1, 2);
                insert.setBytes(2, MessageCodec.encode(second));
                insert.executeUpdate();
            }
            s.execute("INSERT INTO message_refs VALUES ('orders', 1, 3), ('sub-queue', 1, 0), ('orders', 2, 0)");
            if (withDuplicateIds) {
                s.execute("CREATE TABLE duplicate_ids (address VARCHAR NOT NULL, duplicate_id VARCHAR NOT NULL,"
                        + " seq_no BIGINT NOT NULL, added_at BIGINT NOT NULL, PRIMARY KEY (address, duplicate_id))");
                s.execute("INSERT INTO duplicate_ids VALUES ('queue://orders', 'dup-1', 7, 1234)");
            }
        }
    }
}
