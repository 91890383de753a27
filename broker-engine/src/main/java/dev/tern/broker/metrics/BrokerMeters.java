package dev.tern.broker.metrics;

import dev.tern.broker.core.MessageQueue;
import dev.tern.broker.core.MessageRef;
import dev.tern.broker.core.QueueLifecycle;
import dev.tern.broker.store.JournalObserver;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * A broker's meters in a Micrometer {@link MeterRegistry}: the broker's own (connections, sessions, the
 * journal's units, forces and their latency, the store's size, the delivery latency) tagged {@code broker},
 * and each queue's (see {@link QueueMeters}), which come and go with the queue. Gauges and counters read
 * the broker when the registry is read; only the timers and the group-commit summary are recorded as things
 * happen: a force on the journal's sync thread, an acknowledgment on its connection's lane.
 */
public final class BrokerMeters implements QueueLifecycle, JournalObserver, AutoCloseable {

    private final MeterRegistry registry;
    /** Held here: meters keep only weak references to what they read. */
    private final BrokerReadings source;
    private final Tags tags;
    private final Map<MessageQueue, QueueMeters> queues = new ConcurrentHashMap<>();
    private final List<Meter> brokerMeters = new ArrayList<>();
    private final Timer syncLatency;
    private final DistributionSummary groupSize;
    private final Timer deliveryLatency;

    /**
     * Registers the broker's own meters.
     *
     * @param source what the gauges and counters read
     */
    public BrokerMeters(MeterRegistry registry, String brokerName, BrokerReadings source) {
        this.registry = registry;
        this.source = source;
        this.tags = Tags.of("broker", brokerName);
        gauge("tern.connections", "Client connections open", source, BrokerReadings::connections);
        gauge("tern.sessions", "Sessions open", source, BrokerReadings::sessions);
        gauge("tern.queues", "Queues and topic subscriptions", source, b -> queues.size());
        brokerMeters.add(Gauge.builder("tern.memory.queues", source, BrokerReadings::queuedBytes).baseUnit("bytes")
                .description("Memory the waiting messages of every queue take").tags(tags).register(registry));
        brokerMeters.add(Gauge.builder("tern.store.size", source, BrokerReadings::storeBytes).baseUnit("bytes")
                .description("Size of the journal's file").tags(tags).register(registry));
        brokerMeters.add(FunctionCounter.builder("tern.journal.units", source, BrokerReadings::journalUnits)
                .description("Units (a send, an acknowledgment, a commit ...) made durable").tags(tags)
                .register(registry));
        brokerMeters.add(FunctionCounter.builder("tern.journal.syncs", source, BrokerReadings::journalSyncs)
                .description("Forces of the journal to disk").tags(tags).register(registry));
        this.syncLatency = Timer.builder("tern.journal.sync.latency").description("Time a force of the journal takes")
                .publishPercentiles(0.5, 0.95, 0.99).tags(tags).register(registry);
        this.groupSize = DistributionSummary.builder("tern.journal.group.size")
                .description("Units one force made durable (group commit)").publishPercentiles(0.5, 0.95, 0.99)
                .tags(tags).register(registry);
        this.deliveryLatency = Timer.builder("tern.delivery.latency")
                .description("Time from a message's arrival at the broker to its acknowledgment")
                .publishPercentiles(0.5, 0.95, 0.99).tags(tags).register(registry);
        brokerMeters.add(syncLatency);
        brokerMeters.add(groupSize);
        brokerMeters.add(deliveryLatency);
    }

    @Override
    public void added(MessageQueue queue) {
        queues.computeIfAbsent(queue, q -> new QueueMeters(registry, q, tags));
    }

    @Override
    public void removed(MessageQueue queue) {
        QueueMeters meters = queues.remove(queue);
        if (meters != null) {
            meters.remove();
        }
    }

    @Override
    public void forced(long nanos, int units) {
        syncLatency.record(nanos, TimeUnit.NANOSECONDS);
        groupSize.record(units);
    }

    /** Records the time each acknowledged message spent in the broker. */
    public void consumed(List<MessageRef> acknowledged) {
        long now = System.nanoTime();
        for (MessageRef ref : acknowledged) {
            deliveryLatency.record(now - ref.message().arrivedNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Takes every meter of this broker out of the registry. */
    @Override
    public void close() {
        queues.values().forEach(QueueMeters::remove);
        queues.clear();
        brokerMeters.forEach(registry::remove);
    }

    private void gauge(String name, String description, BrokerReadings source, ToDoubleFunction<BrokerReadings> value) {
        brokerMeters.add(Gauge.builder(name, source, value).description(description).tags(tags).register(registry));
    }
}
