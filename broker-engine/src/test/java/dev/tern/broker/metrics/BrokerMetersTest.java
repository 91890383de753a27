package dev.tern.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.MutableClock;
import dev.tern.broker.RecordingClient;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.Event;
import dev.tern.protocol.MessageRecord;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Each meter's value after a known workload, on a persistent broker given a registry. */
@Timeout(60)
class BrokerMetersTest {

    private static final long SESSION = 1;
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-12-05T10:00:00Z"));
    private Broker broker;
    private RecordingClient client;

    @BeforeEach
    void start() {
        broker = Broker.start(BrokerConfig.named("meters").withDataDir(dataDir).withClock(clock)
                .withMeterRegistry(registry));
        client = RecordingClient.connectedTo(broker);
        client.call(id -> new Command.OpenConnection(id, null, null, null));
        client.call(Command.StartDelivery::new);
        client.call(id -> new Command.CreateSession(id, SESSION, AckMode.CLIENT));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void queueMetersCountWhatArrivedWhatIsInFlightAndWhatLeft() {
        for (int i = 0; i < 5; i++) {
            send("orders", 0);
        }
        client.call(id -> new Command.CreateConsumer(id, SESSION, 7, ConsumerSpec.of(DestinationName.queue("orders")), 3));
        Event.Deliver first = client.delivery(0);
        Event.Deliver second = client.delivery(1);
        client.delivery(2);
        client.call(id -> new Command.Acknowledge(id, SESSION, List.of(first.deliveryId(), second.deliveryId())));

        assertThat(gauge("tern.queue.messages", "orders")).isEqualTo(2);
        assertThat(gauge("tern.queue.messages.in.flight", "orders")).isEqualTo(1);
        assertThat(gauge("tern.queue.consumers", "orders")).isEqualTo(1);
        assertThat(gauge("tern.queue.paused", "orders")).isZero();
        assertThat(gauge("tern.queue.memory", "orders")).isPositive();
        assertThat(counter("tern.queue.enqueued", "orders")).isEqualTo(5);
        assertThat(counter("tern.queue.dispatched", "orders")).isEqualTo(3);
        assertThat(counter("tern.queue.dequeued", "orders")).isEqualTo(2);
        assertThat(registry.get("tern.queue.messages").tag("queue", "orders").gauge().getId().getTag("kind"))
                .isEqualTo("queue");
        Timer delivery = registry.get("tern.delivery.latency").timer();
        assertThat(delivery.count()).isEqualTo(2);
        assertThat(delivery.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void expiredAndDeadLetteredMessagesAreCountedOnTheirQueue() {
        broker.setPolicy("work", "maxDeliveryAttempts", "1");
        send("perishable", clock.millis() + 60_000);
        clock.advance(Duration.ofMinutes(2));
        await().atMost(WAIT).until(() -> counter("tern.queue.expired", "perishable") == 1);

        send("work", 0);
        client.call(id -> new Command.CreateConsumer(id, SESSION, 8, ConsumerSpec.of(DestinationName.queue("work")), 1));
        Event.Deliver delivered = client.delivery(0);
        client.awaitAnswer(client.send(id -> new Command.Recover(id, SESSION, List.of(delivered.deliveryId()))));

        await().atMost(WAIT).until(() -> counter("tern.queue.dead.lettered", "work") == 1);
        assertThat(gauge("tern.queue.messages", "DLQ")).isEqualTo(1);
        assertThat(counter("tern.queue.dequeued", "work")).isEqualTo(1);
        assertThat(gauge("tern.queue.messages", "ExpiryQueue")).isEqualTo(1);
    }

    @Test
    void brokerMetersCountConnectionsSessionsAndTheJournal() {
        send("orders", 0);
        send("orders", 0);

        assertThat(registry.get("tern.connections").gauge().value()).isEqualTo(1);
        assertThat(registry.get("tern.sessions").gauge().value()).isEqualTo(1);
        assertThat(registry.get("tern.queues").gauge().value()).isEqualTo(1);
        assertThat(registry.get("tern.journal.units").functionCounter().count()).isGreaterThanOrEqualTo(3);
        assertThat(registry.get("tern.journal.syncs").functionCounter().count()).isPositive();
        assertThat(registry.get("tern.store.size").gauge().value()).isPositive();
        assertThat(registry.get("tern.memory.queues").gauge().value()).isPositive();
        Timer syncs = registry.get("tern.journal.sync.latency").timer();
        DistributionSummary groups = registry.get("tern.journal.group.size").summary();
        assertThat(syncs.count()).isPositive();
        assertThat(groups.count()).isEqualTo(syncs.count());
        assertThat(groups.totalAmount()).isGreaterThanOrEqualTo(3);
        assertThat(registry.get("tern.connections").gauge().getId().getTag("broker")).isEqualTo("meters");
    }

    @Test
    void aQueuesMetersGoAwayWithItAndTheBrokersWithTheBroker() {
        send("orders", 0);
        assertThat(registry.find("tern.queue.messages").tag("queue", "orders").gauge()).isNotNull();

        broker.purgeQueue("orders");
        broker.deleteQueue("orders");

        assertThat(registry.find("tern.queue.messages").tag("queue", "orders").gauge()).isNull();
        assertThat(registry.find("tern.queue.enqueued").tag("queue", "orders").functionCounter()).isNull();
        broker.close();
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void queuesRestoredAtStartUpHaveMeters() {
        send("orders", 0);
        broker.close();
        SimpleMeterRegistry fresh = new SimpleMeterRegistry();
        broker = Broker.start(BrokerConfig.named("meters").withDataDir(dataDir).withMeterRegistry(fresh));
        assertThat(fresh.get("tern.queue.messages").tag("queue", "orders").gauge().value()).isEqualTo(1);
        assertThat(fresh.get("tern.queue.enqueued").tag("queue", "orders").functionCounter().count()).isEqualTo(1);
    }

    private double gauge(String name, String queue) {
        Gauge gauge = registry.get(name).tag("queue", queue).gauge();
        return gauge.value();
    }

    private double counter(String name, String queue) {
        FunctionCounter counter = registry.get(name).tag("queue", queue).functionCounter();
        return counter.count();
    }

    private void send(String queue, long expiration) {
        MessageRecord message = new MessageRecord("ID:" + client.lastRequestId(), DestinationName.queue(queue),
                clock.millis(), null, null, null, true, 4, expiration, 0, Map.of(), BodyType.TEXT, "hello".getBytes());
        client.call(id -> new Command.Send(id, SESSION, message));
    }
}
