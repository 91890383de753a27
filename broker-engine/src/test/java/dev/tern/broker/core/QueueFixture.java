package dev.tern.broker.core;

import dev.tern.broker.MutableClock;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.store.QueueRecord;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/** A queue named {@code q} dispatching on the calling thread, with policies a test may change. */
final class QueueFixture implements AutoCloseable {

    final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    private final ScheduledExecutorService timerThread = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong ids = new AtomicLong();
    AddressPolicies policies = AddressPolicies.NONE;
    final MessageQueue queue = new MessageQueue(QueueRecord.plainQueue("q"), false,
            new QueueServices(Runnable::run, new BrokerTimer(clock, timerThread), refs -> { }, refs -> { },
                    () -> policies, PageSource.NONE));

    /** Enqueues a message whose JMSMessageID is {@code name}, with these properties. */
    MessageRef send(String name, Map<String, Object> properties) {
        MessageRecord record = new MessageRecord(name, DestinationName.queue("q"), 0, null, null, null, false, 4, 0, 0,
                properties, BodyType.NONE, null);
        MessageRef ref = queue.createRef(new ServerMessage(ids.incrementAndGet(), record, 0), 0);
        queue.enqueue(ref);
        return ref;
    }

    MessageRef send(String name) {
        return send(name, Map.of());
    }

    @Override
    public void close() {
        timerThread.shutdownNow();
    }
}
