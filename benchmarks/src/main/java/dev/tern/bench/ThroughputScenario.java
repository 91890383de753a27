package dev.tern.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Producers send 1 KiB BytesMessages to one queue or topic while consumers receive them; reports
 * deliveries per second, from the first send to the last delivery. Producers send with
 * {@code send(message)}, or with a CompletionListener when the spec says so; then a producer has
 * finished when its last send has completed.
 */
public final class ThroughputScenario implements Scenario {

    /** The figure this scenario reports: deliveries consumed per second. */
    public static final String MESSAGES_PER_SECOND = "msg/s";

    private static final long RECEIVE_POLL_MILLIS = 100;

    private final ThroughputSpec spec;
    private final byte[] body = Payload.ofSize(Payload.ONE_KIB);

    public ThroughputScenario(ThroughputSpec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public boolean persistent() {
        return spec.persistent();
    }

    @Override
    public Transport transport() {
        return spec.transport();
    }

    @Override
    public SendStyle sendStyle() {
        return spec.sendStyle();
    }

    @Override
    public ScenarioResult run(ConnectionFactory factory, RunLimits limits, RunObserver observer) throws Exception {
        List<Connection> connections = new ArrayList<>();
        List<Thread> consumerThreads = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        FlowWindow flow = new FlowWindow(limits.window(), spec.fanOut());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong lastDelivery = new AtomicLong();
        try {
            createIdleQueues(factory, connections);
            for (int i = 0; i < spec.consumers(); i++) {
                Connection connection = open(factory, connections);
                Session session = session(connection);
                MessageConsumer consumer = session.createConsumer(destination(session), spec.selectorOf(i));
                connection.start();
                consumerThreads.add(Workers.thread("consumer-" + i, failures,
                        () -> consume(session, consumer, flow, stop, lastDelivery)));
            }
            List<ProducerLoop> producers = new ArrayList<>();
            for (int i = 0; i < spec.producers(); i++) {
                Session session = session(open(factory, connections));
                MessageProducer producer = session.createProducer(destination(session));
                producer.setDeliveryMode(spec.persistent() ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
                CompletionWindow completions = spec.asyncSendLimit() > 0
                        ? new CompletionWindow(spec.asyncSendLimit(), limits.drainTimeout(), failures)
                        : null;
                producers.add(new ProducerLoop(session, producer, completions));
            }
            consumerThreads.forEach(Thread::start);
            AtomicLong claimed = new AtomicLong();
            long start = System.nanoTime();
            long deadline = start + limits.duration().toNanos();
            List<Thread> producerThreads = new ArrayList<>();
            for (int i = 0; i < producers.size(); i++) {
                ProducerLoop loop = producers.get(i);
                Thread thread = Workers.thread("producer-" + i, failures,
                        () -> loop.run(flow, claimed, limits.maxMessages(), deadline));
                producerThreads.add(thread);
                thread.start();
            }
            for (Thread thread : producerThreads) {
                thread.join();
            }
            observer.sendingFinished(flow.sentCount());
            awaitDrain(flow, limits, failures);
            stop.set(true);
            for (Thread thread : consumerThreads) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
            if (!failures.isEmpty()) {
                if (failures.get(0) instanceof UnsupportedOperationException unsupported) {
                    throw new ScenarioUnsupportedException(spec.name(), unsupported);
                }
                throw new IllegalStateException(spec.name() + " failed: " + failures.get(0), failures.get(0));
            }
            double seconds = Math.max(1, lastDelivery.get() - start) / 1e9;
            return new ScenarioResult(flow.expectedDeliveries(), flow.deliveredCount(),
                    Map.of(MESSAGES_PER_SECOND, flow.deliveredCount() / seconds));
        } finally {
            stop.set(true);
            for (Connection connection : connections) {
                Workers.closeQuietly(connection);
            }
        }
    }

    private void awaitDrain(FlowWindow flow, RunLimits limits, List<Throwable> failures) throws InterruptedException {
        long seen = -1;
        long idleSince = System.nanoTime();
        while (flow.deliveredCount() < flow.expectedDeliveries() && failures.isEmpty()) {
            long now = System.nanoTime();
            if (flow.deliveredCount() != seen) {
                seen = flow.deliveredCount();
                idleSince = now;
            } else if (now - idleSince > limits.drainTimeout().toNanos()) {
                return;
            }
            Thread.sleep(5);
        }
    }

    private void consume(Session session, MessageConsumer consumer, FlowWindow flow, AtomicBoolean stop,
            AtomicLong lastDelivery) throws JMSException {
        int uncommitted = 0;
        while (!stop.get()) {
            BytesMessage message = (BytesMessage) consumer.receive(RECEIVE_POLL_MILLIS);
            if (message == null) {
                if (uncommitted > 0) {
                    session.commit();
                    uncommitted = 0;
                }
                continue;
            }
            if (message.getBodyLength() != body.length) {
                throw new IllegalStateException("received a body of " + message.getBodyLength() + " bytes");
            }
            if (spec.transacted() && ++uncommitted == spec.batchSize()) {
                session.commit();
                uncommitted = 0;
            }
            flow.delivered();
            lastDelivery.set(System.nanoTime());
        }
        if (uncommitted > 0) {
            session.commit();
        }
    }

    /** One producer's session and send loop. */
    private final class ProducerLoop {
        private final Session session;
        private final MessageProducer producer;
        private final CompletionWindow completions;

        /** @param completions null for {@code send(message)}; else the window of sends with a CompletionListener */
        ProducerLoop(Session session, MessageProducer producer, CompletionWindow completions) {
            this.session = session;
            this.producer = producer;
            this.completions = completions;
        }

        void run(FlowWindow flow, AtomicLong claimed, long maxMessages, long deadline)
                throws JMSException, InterruptedException {
            int uncommitted = 0;
            long sent = 0;
            while (System.nanoTime() < deadline && claimed.incrementAndGet() <= maxMessages) {
                if (!flow.awaitRoom(deadline)) {
                    break;
                }
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                if (spec.sharded()) {
                    message.setIntProperty(ThroughputSpec.SHARD_PROPERTY, (int) (sent++ % spec.consumers()));
                }
                if (completions == null) {
                    producer.send(message);
                } else {
                    completions.send(producer, message);
                }
                if (!spec.transacted()) {
                    flow.sent(1);
                } else if (++uncommitted == spec.batchSize()) {
                    session.commit();
                    flow.sent(uncommitted);
                    uncommitted = 0;
                }
            }
            if (uncommitted > 0) {
                session.commit();
                flow.sent(uncommitted);
            }
            if (completions != null) {
                completions.awaitAll();
            }
        }
    }

    private Connection open(ConnectionFactory factory, List<Connection> connections) throws JMSException {
        Connection connection = factory.createConnection();
        connections.add(connection);
        return connection;
    }

    private Session session(Connection connection) throws JMSException {
        return spec.transacted()
                ? connection.createSession(true, Session.SESSION_TRANSACTED)
                : connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** One non-persistent message to each of the spec's idle queues, which creates them; nobody consumes them. */
    private void createIdleQueues(ConnectionFactory factory, List<Connection> connections) throws JMSException {
        if (spec.idleQueues() == 0) {
            return;
        }
        Session session = open(factory, connections).createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        for (int i = 0; i < spec.idleQueues(); i++) {
            producer.send(session.createQueue(spec.name() + "-idle-" + i), session.createTextMessage("idle"));
        }
        session.close();
    }

    private Destination destination(Session session) throws JMSException {
        String name = "bench." + spec.name();
        return spec.topic() ? session.createTopic(name) : session.createQueue(name);
    }
}
