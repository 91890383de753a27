package dev.tern.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One group, handed over directly to the committer and then to the syncer on the test's thread, so the
 * grouping itself is certain rather than likely.
 */
class GroupCommitterTest {

    @TempDir
    Path dir;

    private JournalMaps maps;
    private GroupCommitter committer;
    private JournalSyncer syncer;
    private JournalReader reader;

    @BeforeEach
    void openJournal() {
        maps = JournalMaps.open(dir.resolve(JournalMaps.FILE_NAME));
        JournalFailures failures = new JournalFailures(JournalMaps.FILE_NAME);
        committer = new GroupCommitter(maps, failures);
        syncer = new JournalSyncer("test-sync", failures, new Object());
        reader = new JournalReader(maps);
    }

    @AfterEach
    void closeJournal() {
        maps.store().close();
    }

    @Test
    void badUnitInAGroupFailsOnlyItsOwnFuture() throws Exception {
        commit(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q"))));
        PendingUnit first = unit(send(1), ref(1));
        PendingUnit second = unit(send(2), ref(2));
        PendingUnit duplicate = unit(send(3), ref(3), ref(1));
        PendingUnit fourth = unit(send(4), ref(4));

        writeAndSettle(List.of(first, second, duplicate, fourth));

        assertThat(duplicate.done()).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(StoreException.class).withMessageContaining("AddReference[messageId=1");
        assertThat(List.of(first, second, fourth))
                .allSatisfy(unit -> assertThat(unit.done()).isCompleted().isNotCompletedExceptionally());
        assertThat(syncer.forceCount()).as("one sync for the whole retried group").isEqualTo(2);
        assertThat(syncer.unitCount()).isEqualTo(4);
        assertThat(reader.load().references())
                .extracting(StoredState.StoredReference::messageId).containsExactly(1L, 2L, 4L);
    }

    @Test
    void opsOnTheSameRowsInOneGroupTakeEffectInOrder() throws Exception {
        QueueRecord subscription = new QueueRecord("q", "prices", true, "a > 1", true, "client", "sub", false);
        writeAndSettle(List.of(
                unit(new StoreOp.AddQueue(QueueRecord.plainQueue("q")), send(1), ref(1)),
                unit(new StoreOp.UpdateDeliveryCount(1, "q", 1), new StoreOp.UpdateDeliveryCount(1, "q", 2)),
                unit(new StoreOp.RemoveReference(1, "q"), new StoreOp.DeleteMessage(1)),
                unit(send(1), ref(1), new StoreOp.UpdateDeliveryCount(1, "q", 7)),
                unit(new StoreOp.RemoveQueue("q"), new StoreOp.AddQueue(subscription), send(2), ref(2)),
                unit(new StoreOp.AddQueue(QueueRecord.plainQueue("other")), new StoreOp.AddReference(2, "other"))));

        assertThat(syncer.forceCount()).isEqualTo(1);
        StoredState state = reader.load();
        assertThat(state.queues()).containsExactly(QueueRecord.plainQueue("other"), subscription);
        assertThat(state.messages()).extracting(StoredState.StoredMessage::messageId).containsExactly(2L);
        assertThat(state.references()).containsExactly(
                new StoredState.StoredReference(2, "other", 0), new StoredState.StoredReference(2, "q", 0));
    }

    @Test
    void aGroupOfLazyUnitsIsWrittenWithoutASyncAndTheNextSyncCoversIt() throws Exception {
        commit(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")), send(1), ref(1), send(2), ref(2)));
        long syncs = syncer.forceCount();
        PendingUnit lazyAck = PendingUnit.of(List.of(new StoreOp.RemoveReference(1, "q"), new StoreOp.DeleteMessage(1)), true);

        writeAndSettle(List.of(lazyAck));
        assertThat(lazyAck.done()).isCompleted().isNotCompletedExceptionally();
        assertThat(syncer.forceCount()).as("no sync for lazy units alone").isEqualTo(syncs);
        assertThat(reader.load().references())
                .extracting(StoredState.StoredReference::messageId).containsExactly(2L);

        PendingUnit lazy = PendingUnit.of(List.of(new StoreOp.RemoveReference(2, "q")), true);
        writeAndSettle(List.of(lazy, unit(send(3), ref(3))));
        assertThat(syncer.forceCount()).as("one sync when a unit needs it").isEqualTo(syncs + 1);
    }

    private void writeAndSettle(List<PendingUnit> group) {
        syncer.settle(List.of(committer.commit(group)));
    }

    private void commit(List<StoreOp> ops) {
        PendingUnit unit = PendingUnit.of(ops, false);
        writeAndSettle(List.of(unit));
        assertThat(unit.done()).isCompleted().isNotCompletedExceptionally();
    }

    private static PendingUnit unit(StoreOp... ops) {
        return PendingUnit.of(List.of(ops), false);
    }

    private static StoreOp send(long id) {
        return new StoreOp.AddMessage(id, TestMessages.simple("q", "m" + id));
    }

    private static StoreOp ref(long id) {
        return new StoreOp.AddReference(id, "q");
    }
}
