package dev.tern.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** What the in-memory store shares with the H2 store beyond the oracle's valid ops. */
class InMemoryMessageStoreTest {

    private final InMemoryMessageStore store = new InMemoryMessageStore();

    @Test
    void failingUnitChangesNothing() {
        QueueRecord original = QueueRecord.plainQueue("q");
        store.apply(List.of(new StoreOp.AddQueue(original), send(1), new StoreOp.AddReference(1, "q"),
                new StoreOp.UpdateDeliveryCount(1, "q", 3))).join();
        StoredState before = store.load();

        var failed = store.apply(List.of(
                new StoreOp.AddQueue(new QueueRecord("q", "t", true, null, false, null, "s", true)),
                new StoreOp.UpdateDeliveryCount(1, "q", 9),
                send(2), new StoreOp.AddReference(2, "q"),
                new StoreOp.RemoveQueue("q"),
                send(5), send(5)));

        assertThat(failed).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(StoreException.class);
        assertThat(store.load()).isEqualTo(before);
    }

    @Test
    void duplicateReferenceFailsTheUnit() {
        store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")), send(1),
                new StoreOp.AddReference(1, "q"))).join();

        assertThat(store.apply(List.of(new StoreOp.AddReference(1, "q")))).isCompletedExceptionally();
    }

    @Test
    void loadDropsDanglingReferencesAndUnreferencedMessages() {
        store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")),
                send(1), new StoreOp.AddReference(1, "gone"),
                send(2), new StoreOp.AddReference(2, "q"),
                new StoreOp.AddReference(3, "q"))).join();

        StoredState state = store.load();

        assertThat(state.messages()).extracting(StoredState.StoredMessage::messageId).containsExactly(2L);
        assertThat(state.references()).containsExactly(new StoredState.StoredReference(2, "q", 0));
    }

    @Test
    void applyAfterCloseFailsWithIllegalState() {
        store.close();

        assertThat(store.apply(List.of(new StoreOp.RemoveQueue("q")))).failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(store::load).isInstanceOf(IllegalStateException.class);
    }

    private static StoreOp send(long id) {
        return new StoreOp.AddMessage(id, TestMessages.simple("q", "m" + id));
    }
}
