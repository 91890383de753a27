package dev.tern.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Duplicate ID rows in every store: replaced by ID, removed only by their own sequence, atomic with the unit. */
class DuplicateIdStoreTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of("in-memory", (Supplier<MessageStore>) InMemoryMessageStore::new),
                Arguments.of("h2", (Supplier<MessageStore>) () -> new H2MessageStore(dir, "dup-" + System.nanoTime())),
                Arguments.of("postgresql", (Supplier<MessageStore>) () -> PostgresMessageStore.open(
                        PostgresSettings.of(PostgresTestServer.newDatabase(), null, null), "dup")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void addReplacesRemoveNeedsTheSameSequenceAndAFailedUnitTakesNoId(String kind, Supplier<MessageStore> stores) {
        try (MessageStore store = stores.get()) {
            store.load();
            apply(store, new StoreOp.AddQueue(QueueRecord.plainQueue("q")),
                    new StoreOp.AddMessage(1, TestMessages.simple("q", "one")), new StoreOp.AddReference(1, "q"),
                    new StoreOp.AddDuplicateId("queue://q", "a", 1, 100));
            apply(store, new StoreOp.AddDuplicateId("queue://q", "b", 2, 200));
            apply(store, new StoreOp.AddDuplicateId("topic://q", "a", 3, 300));
            apply(store, new StoreOp.RemoveDuplicateId("queue://q", "a", 1), new StoreOp.AddDuplicateId("queue://q", "a", 4, 400));
            apply(store, new StoreOp.RemoveDuplicateId("queue://q", "a", 1));
            apply(store, new StoreOp.RemoveDuplicateId("queue://q", "b", 2));
            // Message 1 is stored already, so this unit fails and its duplicate ID is not taken either.
            assertThat(store.apply(List.of(new StoreOp.AddDuplicateId("queue://q", "c", 5, 500),
                    new StoreOp.AddMessage(1, TestMessages.simple("q", "again"))))).failsWithin(Duration.ofSeconds(10));

            assertThat(store.load().duplicateIds()).containsExactly(
                    new StoredState.StoredDuplicateId("topic://q", "a", 3, 300),
                    new StoredState.StoredDuplicateId("queue://q", "a", 4, 400));
        }
    }

    private static void apply(MessageStore store, StoreOp... unit) {
        assertThat(store.apply(List.of(unit))).succeedsWithin(Duration.ofSeconds(10));
    }
}
