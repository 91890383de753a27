package dev.tern.broker.metrics;

import dev.tern.broker.core.MessageQueue;
import dev.tern.protocol.QueueStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one queue, tagged {@code queue}, {@code address} and {@code kind} ({@code queue} or
 * {@code subscription}). Each reads the queue when the registry is read, so nothing is counted twice and
 * the queue's hot path does no work for them.
 */
final class QueueMeters {

    private final MeterRegistry registry;
    /** Held here: meters keep only weak references to what they read. */
    private final MessageQueue queue;
    private final List<Meter> meters = new ArrayList<>();

    QueueMeters(MeterRegistry registry, MessageQueue queue, Tags brokerTags) {
        this.registry = registry;
        this.queue = queue;
        Tags tags = brokerTags.and("queue", queue.name(), "address", queue.definition().address(),
                "kind", queue.definition().topicSubscription() ? "subscription" : "queue");
        gauge("tern.queue.messages", "Messages waiting, delayed and paged ones included", queue, tags,
                q -> q.messageCount());
        gauge("tern.queue.messages.in.flight", "Messages delivered and not yet acknowledged", queue, tags,
                q -> stats(q).inFlightCount());
        gauge("tern.queue.messages.paged", "Messages waiting on disk only", queue, tags, q -> q.pagedCount());
        meters.add(Gauge.builder("tern.queue.memory", queue, q -> q.memoryBytes()).baseUnit("bytes")
                .description("Memory the waiting messages take, as the maxBytes limit counts it").tags(tags)
                .register(registry));
        gauge("tern.queue.consumers", "Consumers attached", queue, tags, q -> q.consumerCount());
        gauge("tern.queue.paused", "1 if an operator paused the queue", queue, tags, q -> q.isPaused() ? 1 : 0);
        counter("tern.queue.enqueued", "Messages added, restored ones included", queue, tags,
                q -> stats(q).enqueuedCount());
        counter("tern.queue.dispatched", "Deliveries to consumers, redeliveries included", queue, tags,
                q -> stats(q).dispatchedCount());
        counter("tern.queue.dequeued", "Messages that left for good: acknowledged, expired, dead-lettered, moved "
                + "or removed", queue, tags, q -> stats(q).dequeuedCount());
        counter("tern.queue.expired", "Messages that expired on the queue", queue, tags,
                q -> stats(q).expiredCount());
        counter("tern.queue.dead.lettered", "Messages moved to the dead-letter queue after too many deliveries",
                queue, tags, q -> stats(q).deadLetteredCount());
    }

    /** Takes the meters out of the registry, once the queue is gone. */
    void remove() {
        meters.forEach(registry::remove);
    }

    private static QueueStatistics stats(MessageQueue queue) {
        return queue.statistics();
    }

    private void gauge(String name, String description, MessageQueue queue, Tags tags,
            ToDoubleFunction<MessageQueue> value) {
        meters.add(Gauge.builder(name, queue, value).description(description).tags(tags).register(registry));
    }

    private void counter(String name, String description, MessageQueue queue, Tags tags,
            ToDoubleFunction<MessageQueue> value) {
        meters.add(FunctionCounter.builder(name, queue, value).description(description).tags(tags)
                .register(registry));
    }
}
