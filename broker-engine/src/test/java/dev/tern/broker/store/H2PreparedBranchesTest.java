package dev.tern.broker.store;

import dev.tern.protocol.BranchId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.protocol.MessageCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prepared XA branches in the journal: on disk across restarts, and what start-up repairs around them. */
class H2PreparedBranchesTest extends PreparedBranchesContract {

    @TempDir
    Path dir;

    private H2MessageStore store;

    @Override
    MessageStore store() {
        if (store == null) {
            store = new H2MessageStore(dir, "xa-branches");
        }
        return store;
    }

    @Override
    MessageStore restart() {
        store().close();
        store = new H2MessageStore(dir, "xa-branches");
        return store;
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aBranchIsKeptInTheMapXaBranchesUnderItsId() {
        store().close();

        withJournal(maps -> {
            assertThat(maps.branches().keySet()).containsExactly(XID.toString());
            assertThat(BranchCodec.decode(maps.branches().get(XID.toString()))).isEqualTo(BRANCH);
            assertThat(maps.refs().containsKey(10L)).as("a send is referenced once the branch commits").isFalse();
        });
    }

    @Test
    void startUpRemovesOrphansButNotTheMessagesPreparedBranchesSend() {
        store().close();
        withJournal(maps -> {
            maps.messages().put(20L, MessageCodec.encode(TestMessages.simple(Q, "orphan")));
            maps.messages().put(21L, MessageCodec.encode(TestMessages.simple(Q, "orphan")));
        });

        StoredIndex index = restart().loadIndex();

        assertThat(index.lastMessageId()).isEqualTo(21);
        store.close();
        withJournal(maps -> assertThat(maps.messages().keySet()).containsExactly(1L, 2L, 3L, 10L, 11L));
    }

    @Test
    void aBranchThatCannotBeDecodedIsLeftOutAndNoMessageWithoutReferenceIsRemoved() {
        store().close();
        withJournal(maps -> {
            maps.branches().put("7:00:00", new byte[] {BranchCodec.VERSION, 0, 0});
            maps.messages().put(20L, MessageCodec.encode(TestMessages.simple(Q, "orphan or not")));
        });

        assertThat(restart().loadIndex().branches()).containsExactly(BRANCH);
        assertThat(restart().load().branches()).containsExactly(BRANCH);

        store.close();
        withJournal(maps -> {
            assertThat(maps.messages().keySet()).containsExactly(1L, 2L, 3L, 10L, 11L, 20L);
            assertThat(maps.branches().keySet()).as("left for inspection").contains("7:00:00");
        });
    }

    @Test
    void ofTwoUnitsPreparingOneBranchInOneGroupOnlyTheSecondFails() {
        PreparedBranch branch = new PreparedBranch(new BranchId(5, bytes("g"), bytes("b")),
                List.of(new PreparedBranch.Send(30, List.of(Q))), List.of());
        List<CompletableFuture<Void>> good = new ArrayList<>();
        for (long id = 100; id < 110; id++) {
            good.add(store().apply(List.of(send(id), new StoreOp.AddReference(id, Q))));
        }
        good.add(store().apply(List.of(send(30), new StoreOp.PrepareBranch(branch))));
        CompletableFuture<Void> again = store().apply(List.of(send(31), new StoreOp.PrepareBranch(branch)));
        for (long id = 110; id < 120; id++) {
            good.add(store().apply(List.of(send(id), new StoreOp.AddReference(id, Q))));
        }

        assertThat(again).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(StoreException.class)
                .withCauseInstanceOf(JournalWriter.DuplicateEntryException.class);
        assertThat(good).allSatisfy(unit -> assertThat(unit).succeedsWithin(Duration.ofSeconds(10)));
        StoredState state = restart().load();
        assertThat(state.branches()).containsExactlyInAnyOrder(BRANCH, branch);
        assertThat(state.messages()).extracting(StoredState.StoredMessage::messageId).contains(30L)
                .doesNotContain(31L);
    }

    private void withJournal(Consumer<JournalMaps> action) {
        JournalMaps maps = JournalMaps.open(dir.resolve(JournalMaps.FILE_NAME));
        try {
            action.accept(maps);
            maps.store().commit();
        } finally {
            maps.store().close();
        }
    }
}
