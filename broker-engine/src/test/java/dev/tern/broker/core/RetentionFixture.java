package dev.tern.broker.core;

import dev.tern.broker.MutableClock;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.store.MessageStore;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.ReplayFrom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A post office over a real journal and store, dispatching on the calling thread, with a topic
 * {@code news} that retains messages: publish, subscribe (with or without replay), acknowledge.
 */
final class RetentionFixture implements AutoCloseable {

    static final DestinationName TOPIC = DestinationName.topic("news");

    final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-11-01T00:00:00Z"));
    private final ScheduledExecutorService timerThread = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong ids = new AtomicLong();
    final MessageStore store;
    final Journal journal;
    final PostOffice postOffice;
    final Subscriptions subscriptions;
    AddressPolicies policies = AddressPolicies.NONE.with("news", "retentionMillis", "-1");

    RetentionFixture(MessageStore store) {
        this.store = store;
        this.journal = new Journal(store, new DuplicateIdCache(clock::millis, () -> policies), clock::millis);
        this.postOffice = new PostOffice(journal, new QueueServices(Runnable::run, new BrokerTimer(clock, timerThread),
                refs -> { }, refs -> { }, () -> policies, journal));
        this.subscriptions = new Subscriptions(postOffice);
    }

    void policy(String setting, String value) {
        policies = policies.with("news", setting, value);
    }

    /** A message whose JMSMessageID is {@code name}, stamped with the clock's time, with properties. */
    Journal.RoutedMessage route(String name, Map<String, Object> properties, boolean persistent, long sender) {
        MessageRecord record = new MessageRecord(name, TOPIC, clock.millis(), null, null, null, persistent, 4, 0, 0,
                properties, BodyType.NONE, null);
        return postOffice.routed(TOPIC, new ServerMessage(ids.incrementAndGet(), record, sender));
    }

    /** Publishes a persistent message named {@code name} and waits until it is durable. */
    void publish(String name) {
        publish(name, Map.of());
    }

    void publish(String name, Map<String, Object> properties) {
        commit(route(name, properties, true, 0));
    }

    void commit(Journal.RoutedMessage routed) {
        journal.commit(List.of(routed), List.of()).join();
    }

    /** Attaches a consumer with plenty of credit to a subscription described by {@code spec}. */
    /** Attaches a consumer, and waits, as a client's answer does, until the subscription is stored. */
    FakeConsumer subscribe(ConsumerSpec spec, long connectionId) {
        FakeConsumer consumer = new FakeConsumer("c", 1_000);
        subscriptions.attach(spec, "client", connectionId, consumer, SubscriptionPermissions.ALL).stored().join();
        return consumer;
    }

    FakeConsumer replaying(ReplayFrom from) {
        return subscribe(ConsumerSpec.of(TOPIC).withReplayFrom(from), 1);
    }

    void acknowledge(FakeConsumer consumer) {
        journal.commit(List.of(), consumer.giveBack()).join();
    }

    RetentionLog log() {
        return postOffice.retention().existing(TOPIC.name());
    }

    @Override
    public void close() {
        timerThread.shutdownNow();
        store.close();
    }
}
