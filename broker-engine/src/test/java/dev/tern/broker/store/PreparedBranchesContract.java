package dev.tern.broker.store;

import dev.tern.protocol.BranchId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store does with prepared XA branches. Each test starts from queues {@code q} and {@code r},
 * messages 1 and 2 on {@code q}, message 3 on both (1 delivered twice), and a branch prepared that sends
 * messages 10 (to both queues) and 11 (to {@code r}) and acknowledged 1 on {@code q} and 3 on {@code r}.
 */
abstract class PreparedBranchesContract {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String Q = "q";
    static final String R = "r";
    static final BranchId XID = new BranchId(0x4a, bytes("gtrid-1"), bytes("branch-1"));
    static final PreparedBranch BRANCH = new PreparedBranch(XID,
            List.of(new PreparedBranch.Send(10, List.of(Q, R)), new PreparedBranch.Send(11, List.of(R))),
            List.of(new PreparedBranch.Acknowledged(1, Q), new PreparedBranch.Acknowledged(3, R)));

    /** The store under test, opened the first time it is asked for. */
    abstract MessageStore store();

    /** The store as a broker finds it when it starts again: on disk, closed and opened; in memory, the same. */
    abstract MessageStore restart();

    @BeforeEach
    void prepareABranch() throws Exception {
        store().loadIndex();
        apply(new StoreOp.AddQueue(QueueRecord.plainQueue(Q)), new StoreOp.AddQueue(QueueRecord.plainQueue(R)),
                send(1), new StoreOp.AddReference(1, Q), new StoreOp.UpdateDeliveryCount(1, Q, 2),
                send(2), new StoreOp.AddReference(2, Q),
                send(3), new StoreOp.AddReference(3, Q), new StoreOp.AddReference(3, R));
        apply(send(10), send(11), new StoreOp.PrepareBranch(BRANCH));
    }

    @Test
    void aPreparedBranchSurvivesARestartWithWhatItSendsAndAcknowledged() {
        StoredIndex index = restart().loadIndex();

        assertThat(index.branches()).containsExactly(BRANCH);
        assertThat(index.lastMessageId()).isEqualTo(11);
        StoredState state = restart().load();
        assertThat(state.branches()).containsExactly(BRANCH);
        assertThat(state.messages()).extracting(StoredState.StoredMessage::messageId)
                .containsExactly(1L, 2L, 3L, 10L, 11L);
    }

    @Test
    void theMessagesABranchSendsAreNeitherOrphansNorOnAnyQueue() {
        restart().loadIndex();
        StoredIndex index = restart().loadIndex();

        assertThat(index.messageIds().values()).allSatisfy(ids -> assertThat(ids).doesNotContain(10L, 11L));
        StoredState state = restart().load();
        assertThat(state.messages()).extracting(StoredState.StoredMessage::messageId).contains(10L, 11L);
        assertThat(state.references()).extracting(StoredState.StoredReference::messageId).doesNotContain(10L, 11L);
        assertThat(restart().load().messages()).extracting(StoredState.StoredMessage::messageId).contains(10L, 11L);
    }

    @Test
    void theReferencesABranchAcknowledgedAreLeftOutOfTheQueuesButStillRead() {
        MessageStore store = restart();
        StoredIndex index = store.loadIndex();

        assertThat(index.messageIdsOf(Q)).containsExactly(2L, 3L);
        assertThat(index.messageIdsOf(R)).isEmpty();
        assertThat(store.readPage(Q, new long[] {1, 2})).extracting(StoredState.PagedMessage::messageId,
                StoredState.PagedMessage::deliveryCount).containsExactly(tuple(1L, 2), tuple(2L, 0));
        assertThat(store.readPage(R, new long[] {3})).extracting(StoredState.PagedMessage::messageId)
                .containsExactly(3L);
        assertThat(restart().load().references()).containsExactly(new StoredState.StoredReference(2, Q, 0),
                new StoredState.StoredReference(3, Q, 0));
    }

    @Test
    void preparingAStoredBranchAgainFailsTheUnitAndAppliesNoneOfIt() throws Exception {
        BranchId sameId = new BranchId(XID.formatId(), bytes("gtrid-1"), bytes("branch-1"));
        var failed = store().apply(List.of(send(12), new StoreOp.AddReference(12, Q),
                new StoreOp.RemoveReference(2, Q), new StoreOp.DeleteMessage(2), new StoreOp.RemoveBranch(
                        new BranchId(9, new byte[0], new byte[0])),
                new StoreOp.PrepareBranch(new PreparedBranch(sameId, List.of(new PreparedBranch.Send(12, List.of(Q))),
                        List.of()))));

        assertThat(failed).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(StoreException.class);
        StoredIndex index = restart().loadIndex();
        assertThat(index.branches()).containsExactly(BRANCH);
        assertThat(index.messageIdsOf(Q)).containsExactly(2L, 3L);
        assertThat(restart().load().messages()).extracting(StoredState.StoredMessage::messageId)
                .containsExactly(1L, 2L, 3L, 10L, 11L);
    }

    @Test
    void committingRemovesTheBranchPlacesWhatItSentAndDropsWhatItAcknowledged() throws Exception {
        apply(new StoreOp.RemoveBranch(XID),
                new StoreOp.AddReference(10, Q), new StoreOp.AddReference(10, R), new StoreOp.AddReference(11, R),
                new StoreOp.RemoveReference(1, Q), new StoreOp.DeleteMessage(1),
                new StoreOp.RemoveReference(3, R), new StoreOp.DeleteMessage(3));

        StoredIndex index = restart().loadIndex();
        assertThat(index.branches()).isEmpty();
        assertThat(index.messageIdsOf(Q)).containsExactly(2L, 3L, 10L);
        assertThat(index.messageIdsOf(R)).containsExactly(10L, 11L);
        assertThat(restart().load().messages()).extracting(StoredState.StoredMessage::messageId)
                .containsExactly(2L, 3L, 10L, 11L);
    }

    @Test
    void rollingBackRemovesTheBranchAndWhatItSentAndUnlocksWhatItAcknowledged() throws Exception {
        apply(new StoreOp.RemoveBranch(XID), new StoreOp.DeleteMessage(10), new StoreOp.DeleteMessage(11));

        MessageStore store = restart();
        StoredIndex index = store.loadIndex();
        assertThat(index.branches()).isEmpty();
        assertThat(index.messageIdsOf(Q)).containsExactly(1L, 2L, 3L);
        assertThat(index.messageIdsOf(R)).containsExactly(3L);
        assertThat(index.lastMessageId()).as("the rolled back sends' IDs are not given again").isEqualTo(11);
        assertThat(store.readPage(Q, new long[] {1})).extracting(StoredState.PagedMessage::deliveryCount)
                .containsExactly(2);
        assertThat(restart().load().messages()).extracting(StoredState.StoredMessage::messageId)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void removingABranchThatIsNotStoredChangesNothing() throws Exception {
        apply(new StoreOp.RemoveBranch(new BranchId(XID.formatId(), bytes("gtrid-1"), bytes("branch-2"))));

        assertThat(restart().loadIndex().branches()).containsExactly(BRANCH);
    }

    @Test
    void branchesDifferingOnlyInTheirQualifierAreStoredSideBySide() throws Exception {
        PreparedBranch sibling = new PreparedBranch(new BranchId(XID.formatId(), bytes("gtrid-1"), bytes("branch-2")),
                List.of(), List.of(new PreparedBranch.Acknowledged(2, Q)));
        apply(new StoreOp.PrepareBranch(sibling));

        StoredIndex index = restart().loadIndex();
        assertThat(index.branches()).containsExactlyInAnyOrder(BRANCH, sibling);
        assertThat(index.messageIdsOf(Q)).containsExactly(3L);
    }

    /** Should not happen: the broker prepares only what is stored. */
    @Test
    void aBranchIsLoadedWithTheMessagesAndReferencesThatAreStored() throws Exception {
        BranchId id = new BranchId(2, bytes("dangling"), new byte[0]);
        apply(send(20), new StoreOp.PrepareBranch(new PreparedBranch(id,
                List.of(new PreparedBranch.Send(20, List.of(Q)), new PreparedBranch.Send(40, List.of(Q))),
                List.of(new PreparedBranch.Acknowledged(2, R), new PreparedBranch.Acknowledged(41, Q),
                        new PreparedBranch.Acknowledged(2, Q)))));

        StoredIndex index = restart().loadIndex();
        assertThat(index.branches()).containsExactlyInAnyOrder(BRANCH, new PreparedBranch(id,
                List.of(new PreparedBranch.Send(20, List.of(Q))), List.of(new PreparedBranch.Acknowledged(2, Q))));
        assertThat(index.messageIdsOf(Q)).containsExactly(3L);
    }

    @Test
    void removingAQueueWhileABranchIsInDoubtLeavesTheBranchWhatItAcknowledgedElsewhere() throws Exception {
        apply(new StoreOp.RemoveQueue(R));

        StoredIndex index = restart().loadIndex();
        assertThat(index.branches()).containsExactly(new PreparedBranch(XID, BRANCH.sends(),
                List.of(new PreparedBranch.Acknowledged(1, Q))));
        assertThat(index.messageIdsOf(Q)).containsExactly(2L, 3L);
        assertThat(restart().load().messages()).extracting(StoredState.StoredMessage::messageId)
                .containsExactly(1L, 2L, 3L, 10L, 11L);
    }

    void apply(StoreOp... ops) throws Exception {
        store().apply(Arrays.asList(ops)).get(10, TimeUnit.SECONDS);
    }

    static StoreOp send(long id) {
        return new StoreOp.AddMessage(id, TestMessages.simple(Q, "m" + id));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
