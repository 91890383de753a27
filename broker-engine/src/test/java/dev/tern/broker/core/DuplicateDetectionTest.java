package dev.tern.broker.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.MutableClock;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.store.InMemoryMessageStore;
import dev.tern.broker.store.MessageStore;
import dev.tern.broker.store.QueueRecord;
import dev.tern.broker.store.StoreException;
import dev.tern.broker.store.StoreOp;
import dev.tern.broker.store.StoredState;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The journal drops sends that repeat a remembered duplicate ID, and journals the IDs it remembers. */
class DuplicateDetectionTest {

    private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    private final ScheduledExecutorService timerThread = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong ids = new AtomicLong();
    private final InMemoryMessageStore store = new InMemoryMessageStore();
    private AddressPolicies policies = AddressPolicies.NONE;
    private Journal journal = journalOver(store);
    private final QueueServices services = new QueueServices(Runnable::run, new BrokerTimer(clock, timerThread),
            refs -> { }, refs -> { }, () -> policies, PageSource.NONE);
    private final MessageQueue queue = new MessageQueue(QueueRecord.plainQueue("q"), true, services);
    private final MessageQueue other = new MessageQueue(QueueRecord.plainQueue("other"), true, services);

    @AfterEach
    void stopTimer() {
        timerThread.shutdownNow();
    }

    private Journal journalOver(MessageStore messageStore) {
        return new Journal(messageStore, new DuplicateIdCache(clock::millis, () -> policies));
    }

    private CompletableFuture<Void> send(MessageQueue target, Map<String, Object> properties) {
        return send(target, properties, true);
    }

    private CompletableFuture<Void> send(MessageQueue target, Map<String, Object> properties, boolean persistent) {
        MessageRecord record = new MessageRecord("ID:" + ids.get(), DestinationName.queue(target.name()), 0, null, null,
                null, persistent, 4, 0, 0, properties, BodyType.NONE, null);
        ServerMessage message = new ServerMessage(ids.incrementAndGet(), record, 0);
        return journal.commit(List.of(new Journal.RoutedMessage(message, List.of(target))), List.of());
    }

    private static Map<String, Object> dupId(Object id) {
        return Map.of(DuplicateIdCache.PROPERTY, id);
    }

    private List<String> storedIds() {
        return store.load().duplicateIds().stream().map(StoredState.StoredDuplicateId::duplicateId).toList();
    }

    @Test
    void aRepeatedIdIsAcceptedButNotEnqueuedAgain() {
        assertThat(send(queue, dupId("order-1"))).isCompleted();
        assertThat(send(queue, dupId("order-1"))).isCompleted();
        assertThat(send(queue, dupId("order-2"))).isCompleted();
        assertThat(send(queue, Map.of())).isCompleted();
        assertThat(send(queue, Map.of())).isCompleted();

        assertThat(queue.messageCount()).isEqualTo(4);
        assertThat(storedIds()).containsExactly("order-1", "order-2");
    }

    @Test
    void idsAreRememberedPerDestination() {
        send(queue, dupId("x"));
        send(other, dupId("x"));
        assertThat(queue.messageCount()).isEqualTo(1);
        assertThat(other.messageCount()).isEqualTo(1);
    }

    @Test
    void artemisPropertyIsHonouredAndTernsWinsWhenBothAreSet() {
        send(queue, Map.of(DuplicateIdCache.ARTEMIS_PROPERTY, "a"));
        send(queue, Map.of(DuplicateIdCache.PROPERTY, "a"));
        send(queue, Map.of(DuplicateIdCache.PROPERTY, "b", DuplicateIdCache.ARTEMIS_PROPERTY, "a"));
        assertThat(queue.messageCount()).isEqualTo(2);
    }

    @Test
    void theWindowKeepsTheMostRecentIdsAndForgetsTheOldestInTheStoreToo() {
        policies = policies.with("q", "duplicateIdWindow", "3");
        for (int i = 1; i <= 4; i++) {
            send(queue, dupId(i));
        }
        assertThat(storedIds()).containsExactly("2", "3", "4");
        send(queue, dupId(1));
        send(queue, dupId(4));
        assertThat(queue.messageCount()).as("1 was forgotten, 4 is remembered").isEqualTo(5);
    }

    @Test
    void theTimeWindowForgetsIdsOlderThanItsSpan() {
        policies = policies.with("q", "duplicateIdWindowMillis", "60000");
        send(queue, dupId("early"));
        clock.advance(Duration.ofSeconds(30));
        send(queue, dupId("later"));
        send(queue, dupId("early"));
        assertThat(queue.messageCount()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(30));
        send(queue, dupId("early"));
        send(queue, dupId("later"));
        assertThat(queue.messageCount()).as("early expired and was taken again; later is 30 s old").isEqualTo(3);
    }

    @Test
    void aWindowOfZeroTurnsDetectionOff() {
        policies = policies.with("q", "duplicateIdWindow", "0");
        send(queue, dupId("a"));
        send(queue, dupId("a"));
        assertThat(queue.messageCount()).isEqualTo(2);
        assertThat(storedIds()).isEmpty();
    }

    @Test
    void nonPersistentMessagesIdsAreRememberedButNotJournaled() {
        send(queue, dupId("a"), false);
        send(queue, dupId("a"), false);
        assertThat(queue.messageCount()).isEqualTo(1);
        assertThat(storedIds()).isEmpty();
    }

    @Test
    void aDuplicateInTheSameUnitIsDroppedAndTheRestCommits() {
        List<Journal.RoutedMessage> sends = new ArrayList<>();
        for (Object id : List.of("a", "b", "a")) {
            MessageRecord record = new MessageRecord(null, DestinationName.queue("q"), 0, null, null, null, true, 4, 0, 0,
                    dupId(id), BodyType.NONE, null);
            sends.add(new Journal.RoutedMessage(new ServerMessage(ids.incrementAndGet(), record, 0), List.of(queue)));
        }
        assertThat(journal.commit(sends, List.of())).isCompleted();
        assertThat(queue.messageCount()).isEqualTo(2);
    }

    @Test
    void aDuplicateWaitsForItsOriginalAndAFailedOriginalFreesTheId() {
        Map<Integer, CompletableFuture<Void>> units = new HashMap<>();
        MessageStore held = new MessageStore() {
            @Override
            public StoredState load() {
                return store.load();
            }

            @Override
            public CompletableFuture<Void> apply(List<StoreOp> unit) {
                CompletableFuture<Void> pending = new CompletableFuture<>();
                units.put(units.size(), pending);
                return pending;
            }

            @Override
            public void close() {
            }
        };
        journal = journalOver(held);
        CompletableFuture<Void> original = send(queue, dupId("a"));
        CompletableFuture<Void> duplicate = send(queue, dupId("a"));
        assertThat(duplicate).as("answered only when the original is durable").isNotDone();

        units.get(0).completeExceptionally(new StoreException("disk full", null));
        assertThat(original).isCompletedExceptionally();
        assertThat(duplicate).isCompletedExceptionally();

        CompletableFuture<Void> retry = send(queue, dupId("a"));
        units.get(1).complete(null);
        assertThat(retry).isCompleted();
        assertThat(queue.messageCount()).isEqualTo(1);
    }

    @Test
    void restoredIdsAreRememberedAndThoseOutsideTheCurrentWindowForgotten() {
        for (int i = 1; i <= 5; i++) {
            send(queue, dupId(i));
        }
        policies = policies.with("q", "duplicateIdWindow", "2");
        DuplicateIdCache restored = new DuplicateIdCache(clock::millis, () -> policies);
        List<StoreOp> removals = restored.restore(store.load().duplicateIds());
        store.apply(removals);
        assertThat(storedIds()).containsExactly("4", "5");

        journal = new Journal(store, restored);
        send(queue, dupId(5));
        send(queue, dupId(3));
        assertThat(queue.messageCount()).isEqualTo(6);
        assertThat(store.load().duplicateIds()).extracting(StoredState.StoredDuplicateId::sequence)
                .as("sequence numbers continue after the restored ones").containsExactly(5L, 6L);
    }
}
