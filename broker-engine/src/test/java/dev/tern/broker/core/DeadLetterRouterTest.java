package dev.tern.broker.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.MutableClock;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.store.InMemoryMessageStore;
import dev.tern.broker.store.MessageStore;
import dev.tern.broker.store.StoreOp;
import dev.tern.broker.store.StoredState;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.TernProperties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dead-lettering, expiry routing and the delivery limit, against a real post office and journal. */
class DeadLetterRouterTest {

    private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    private final ScheduledExecutorService timerThread = Executors.newSingleThreadScheduledExecutor();
    private final BrokerTimer timer = new BrokerTimer(clock, timerThread);
    private final RecordingStore store = new RecordingStore();
    private final Journal journal = new Journal(store, new DuplicateIdCache(clock::millis, () -> AddressPolicies.NONE));
    private final AtomicLong ids = new AtomicLong();
    private AddressPolicies policies = AddressPolicies.NONE;
    private final PostOffice postOffice = new PostOffice(journal,
            new QueueServices(Runnable::run, timer, refs -> { }, refs -> { }, () -> policies, PageSource.NONE));
    private final DeadLetterRouter router = new DeadLetterRouter(postOffice, journal, ids::incrementAndGet);
    private final Redelivery redelivery = new Redelivery(timer, journal, router);

    @AfterEach
    void stopTimer() {
        timerThread.shutdownNow();
    }

    /** Records every unit it applies. */
    private static final class RecordingStore implements MessageStore {
        final InMemoryMessageStore delegate = new InMemoryMessageStore();
        final List<List<StoreOp>> units = new ArrayList<>();

        @Override
        public StoredState load() {
            return delegate.load();
        }

        @Override
        public synchronized CompletableFuture<Void> apply(List<StoreOp> unit) {
            units.add(List.copyOf(unit));
            return delegate.apply(unit);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** Sends a persistent message to a queue and takes it off again, as a delivery would. */
    private MessageRef sentAndTaken(String queueName, Map<String, Object> properties, long expiration) {
        MessageQueue queue = postOffice.pointToPointQueue(DestinationName.queue(queueName));
        MessageRecord record = new MessageRecord("ID:m" + ids.get(), DestinationName.queue(queueName), 1, "corr", null,
                null, true, 4, expiration, 0, properties, BodyType.TEXT, "body".getBytes(StandardCharsets.UTF_8));
        ServerMessage message = new ServerMessage(ids.incrementAndGet(), record, 0);
        journal.commit(List.of(new Journal.RoutedMessage(message, List.of(queue))), List.of()).join();
        return queue.takeWaiting(ref -> true).get(0);
    }

    private MessageRecord onlyMessageOn(String queueName) {
        List<MessageRef> waiting = postOffice.queue(queueName).browse();
        assertThat(waiting).hasSize(1);
        return waiting.get(0).message().record();
    }

    @Test
    void aDeadLetterKeepsBodyAndPropertiesAndGainsItsOriginAndReasonInOneStoreUnit() {
        MessageRef ref = sentAndTaken("orders", Map.of("colour", "red"), 0);
        int unitsBefore = store.units.size();

        router.deadLetter(ref, "delivered 10 times");

        List<StoreOp> move = store.units.get(store.units.size() - 1);
        assertThat(store.units.size() - unitsBefore).as("the DLQ itself, then the move").isEqualTo(2);
        assertThat(move).hasSize(4);
        assertThat(move).filteredOn(op -> op instanceof StoreOp.AddReference add && add.queueName().equals("DLQ")).hasSize(1);
        assertThat(move).filteredOn(op -> op instanceof StoreOp.RemoveReference remove
                && remove.queueName().equals("orders")).hasSize(1);
        assertThat(move).filteredOn(op -> op instanceof StoreOp.DeleteMessage).hasSize(1);
        MessageRecord dead = onlyMessageOn("DLQ");
        assertThat(new String(dead.body(), StandardCharsets.UTF_8)).isEqualTo("body");
        assertThat(dead.correlationId()).isEqualTo("corr");
        assertThat(dead.messageId()).isEqualTo(ref.message().record().messageId());
        assertThat(dead.properties()).containsEntry("colour", "red")
                .containsEntry(TernProperties.ORIG_DESTINATION, "queue://orders")
                .containsEntry(TernProperties.ORIG_QUEUE, "orders")
                .containsEntry(TernProperties.DLQ_REASON, "delivered 10 times");
        assertThat(store.load().references()).extracting(StoredState.StoredReference::queueName).containsExactly("DLQ");
    }

    @Test
    void theDeadLetterQueueComesFromTheMostSpecificPolicyAndEmptyDrops() {
        policies = policies.with("orders.>", "deadLetterQueue", "orders.DLQ").with("orders.audit", "deadLetterQueue", "");
        router.deadLetter(sentAndTaken("orders.eu", Map.of(), 0), "x");
        router.deadLetter(sentAndTaken("orders.audit", Map.of(), 0), "x");

        assertThat(onlyMessageOn("orders.DLQ").properties()).containsEntry(TernProperties.ORIG_QUEUE, "orders.eu");
        assertThat(postOffice.queue("DLQ")).isNull();
        assertThat(store.load().references()).extracting(StoredState.StoredReference::queueName)
                .containsExactly("orders.DLQ");
    }

    @Test
    void failedDeliveriesCountUntilTheLimitThenTheMessageIsDeadLettered() {
        policies = policies.with("orders", "maxDeliveryAttempts", "3").with("orders", "redeliveryDelayMillis", "1000");
        MessageRef ref = sentAndTaken("orders", Map.of(), 0);

        assertThat(redelivery.deliveryFailed(ref, "rolled back")).isTrue();
        assertThat(ref.deliveryTime()).isEqualTo(clock.millis() + 1_000);
        assertThat(redelivery.deliveryFailed(ref, "rolled back")).isTrue();
        assertThat(redelivery.deliveryFailed(ref, "rolled back")).isFalse();

        assertThat(onlyMessageOn("DLQ").properties().get(TernProperties.DLQ_REASON).toString())
                .contains("delivered 3 times").contains("maxDeliveryAttempts 3");
    }

    @Test
    void onTheDeadLetterQueueItselfDeliveriesAreNotLimited() {
        policies = policies.with(">", "maxDeliveryAttempts", "1");
        MessageRef ref = sentAndTaken("DLQ", Map.of(), 0);

        assertThat(redelivery.deliveryFailed(ref, "rolled back")).isTrue();
        assertThat(redelivery.deliveryFailed(ref, "rolled back")).isTrue();
    }

    @Test
    void expiredMessagesMoveToTheExpiryQueueWithoutATimeToLive() {
        long expiration = clock.millis() + 10;
        router.expired(List.of(sentAndTaken("orders", Map.of(), expiration)));

        MessageRecord expired = onlyMessageOn("ExpiryQueue");
        assertThat(expired.expiration()).isZero();
        assertThat(expired.properties()).containsEntry(TernProperties.ORIG_EXPIRATION, expiration)
                .containsEntry(TernProperties.ORIG_DESTINATION, "queue://orders");
    }

    @Test
    void expiredMessagesAreDroppedWithoutAnExpiryQueueAndStopSignalsAlways() {
        policies = policies.with("quiet", "expiryQueue", "");
        router.expired(List.of(sentAndTaken("quiet", Map.of(), 1)));
        router.expired(List.of(sentAndTaken("orders", Map.of(TernProperties.STOP, true), 1)));

        assertThat(postOffice.queue("ExpiryQueue")).isNull();
        assertThat(store.load().references()).isEmpty();
        assertThat(store.load().messages()).isEmpty();
    }
}
