package dev.tern.broker.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.MutableClock;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.store.InMemoryMessageStore;
import dev.tern.broker.store.MessageStore;
import dev.tern.broker.store.StoreOp;
import dev.tern.broker.store.StoredState;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A message stays in the store exactly as long as a stored reference holds it: references on non-durable
 * queues live in memory only and neither keep it there nor journal anything when they go.
 */
class JournalStoredReferencesTest {

    private static final DestinationName TOPIC = DestinationName.topic("news");

    private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-01T00:00:00Z"));
    private final ScheduledExecutorService timerThread = Executors.newSingleThreadScheduledExecutor();
    private final RecordingStore store = new RecordingStore();
    private final AtomicLong ids = new AtomicLong();
    private final Journal journal = new Journal(store, new DuplicateIdCache(clock::millis, () -> AddressPolicies.NONE));
    private final PostOffice postOffice = new PostOffice(journal, new QueueServices(Runnable::run,
            new BrokerTimer(clock, timerThread), refs -> { }, refs -> { }, () -> AddressPolicies.NONE, PageSource.NONE));
    private final Subscriptions subscriptions = new Subscriptions(postOffice);

    @AfterEach
    void stopTimer() {
        timerThread.shutdownNow();
    }

    @Test
    void aMessageLeavesTheStoreWithItsLastStoredReferenceWhileANonDurableSubscriberStillHoldsIt() {
        FakeConsumer durable = subscribe(new ConsumerSpec(TOPIC, null, false, "audit", true, false));
        FakeConsumer nonDurable = subscribe(ConsumerSpec.of(TOPIC));
        List<Long> sent = publishPersistent(5);
        assertThat(nonDurable.taken).hasSize(5);

        store.units.clear();
        journal.commit(List.of(), durable.giveBack()).join();

        assertThat(store.units).singleElement().satisfies(unit -> assertThat(unit)
                .filteredOn(StoreOp.DeleteMessage.class::isInstance)
                .extracting(op -> ((StoreOp.DeleteMessage) op).messageId())
                .as("each message is deleted with its last stored reference").containsExactlyElementsOf(sent));
        assertThat(store.messageIds()).as("the store holds none of them").isEmpty();
        assertThat(nonDurable.taken).extracting(ref -> ref.message().isStored())
                .as("the copies still in memory no longer count as stored").containsOnly(false);
    }

    @Test
    void referencesReleasedAfterTheLastStoredOneJournalNothing() {
        FakeConsumer durable = subscribe(new ConsumerSpec(TOPIC, null, false, "audit", true, false));
        FakeConsumer nonDurable = subscribe(ConsumerSpec.of(TOPIC));
        publishPersistent(5);
        journal.commit(List.of(), durable.giveBack()).join();

        store.units.clear();
        journal.commit(List.of(), nonDurable.giveBack()).join();

        assertThat(store.units).as("no second delete, no reference").isEmpty();
    }

    @Test
    void aMessageOnTwoDurableSubscriptionsStaysStoredUntilBothAcknowledge() {
        FakeConsumer first = subscribe(new ConsumerSpec(TOPIC, null, false, "first", true, false));
        FakeConsumer second = subscribe(new ConsumerSpec(TOPIC, null, false, "second", true, false));
        FakeConsumer nonDurable = subscribe(ConsumerSpec.of(TOPIC));
        List<Long> sent = publishPersistent(1);

        journal.commit(List.of(), first.giveBack()).join();
        assertThat(store.messageIds()).containsExactlyElementsOf(sent);

        journal.commit(List.of(), second.giveBack()).join();
        assertThat(store.messageIds()).isEmpty();
        store.units.clear();
        journal.commit(List.of(), nonDurable.giveBack()).join();
        assertThat(store.units).isEmpty();
    }

    private FakeConsumer subscribe(ConsumerSpec spec) {
        FakeConsumer consumer = new FakeConsumer("c", 1_000);
        subscriptions.attach(spec, "client", 1, consumer, SubscriptionPermissions.ALL);
        return consumer;
    }

    /** Publishes persistent messages to the topic, each durable before the next; returns their IDs. */
    private List<Long> publishPersistent(int count) {
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MessageRecord record = new MessageRecord("ID:m" + i, TOPIC, clock.millis(), null, null, null, true, 4, 0, 0,
                    Map.of(), BodyType.NONE, null);
            ServerMessage message = new ServerMessage(ids.incrementAndGet(), record, 2);
            journal.commit(List.of(postOffice.routed(TOPIC, message)), List.of()).join();
            sent.add(message.id());
        }
        return sent;
    }

    /**
     * Records every unit it applies, and which messages they left stored: added and not deleted since (what
     * {@code load} returns would hide a leak, as it drops unreferenced messages).
     */
    private static final class RecordingStore implements MessageStore {
        final InMemoryMessageStore delegate = new InMemoryMessageStore();
        final List<List<StoreOp>> units = new ArrayList<>();
        private final Set<Long> messages = new TreeSet<>();

        synchronized List<Long> messageIds() {
            return List.copyOf(messages);
        }

        @Override
        public StoredState load() {
            return delegate.load();
        }

        @Override
        public synchronized CompletableFuture<Void> apply(List<StoreOp> unit) {
            units.add(List.copyOf(unit));
            for (StoreOp op : unit) {
                if (op instanceof StoreOp.AddMessage add) {
                    messages.add(add.messageId());
                } else if (op instanceof StoreOp.DeleteMessage delete) {
                    messages.remove(delete.messageId());
                }
            }
            return delegate.apply(unit);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
