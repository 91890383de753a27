package dev.tern.jms.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs at once, for a fixed time, everything that takes the broker's locks or waits on its journal:
 * persistent sends to a queue and to a retaining topic whose log is trimmed all the time, CLIENT and
 * transacted consumers, durable subscriptions made and deleted, replaying subscriptions, and connections
 * dropped by their sockets with deliveries in flight. Fails if {@link ThreadMXBean#findDeadlockedThreads}
 * reports anything, if the work as a whole stops progressing for {@value #STALL_MILLIS} ms, or if an
 * activity fails. 15 s by default; {@code -Dtern.deadlockHunt.seconds=N} for a longer hunt.
 */
@Timeout(600)
class DeadlockHuntTest {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlockHuntTest.class);
    private static final long STALL_MILLIS = 10_000;
    private static final String QUEUE = "hunt.q";
    private static final String TOPIC = "hunt.t";

    private final String name = "hunt-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, AtomicLong> progress = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    @TempDir
    Path dataDir;
    private int port;
    private TernConnectionFactory factory;

    @BeforeEach
    void startBroker() {
        AddressPolicies retention = AddressPolicies.fromOptions(Map.of(
                "hunt.t.retentionMillis", "-1", "hunt.t.retentionMessages", "200"));
        port = EmbeddedBrokers.start(BrokerConfig.named(name).withDataDir(dataDir).withPolicies(retention)
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1"))).tcpPort();
        factory = new TernConnectionFactory("tcp://127.0.0.1:" + port);
    }

    @AfterEach
    void stopBroker() {
        EmbeddedBrokers.stop(name);
    }

    @Test
    void noDeadlockAndNoStallWhileEverythingRunsAtOnce() throws Exception {
        long seconds = Long.getLong("tern.deadlockHunt.seconds", 15);
        List<Thread> activities = List.of(
                activity("send to the queue", this::sendToQueue),
                activity("publish to the topic", this::publishToTopic),
                activity("consume in CLIENT mode", () -> consume(Session.CLIENT_ACKNOWLEDGE)),
                activity("consume in a transaction", () -> consume(Session.SESSION_TRANSACTED)),
                activity("durable subscribe and unsubscribe", this::durableChurn),
                activity("replay the topic", this::replay),
                activity("drop connections", this::dropConnection));
        activities.forEach(Thread::start);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long lastTotal = -1;
        long lastChange = System.nanoTime();
        String stall = null;
        String deadlock = null;
        while (System.nanoTime() < end && failure.get() == null) {
            Thread.sleep(250); // the hunt's sampling interval, not a wait for a result
            long[] deadlocked = threads.findDeadlockedThreads();
            if (deadlocked != null) {
                deadlock = describe(threads.getThreadInfo(deadlocked, true, true));
                break;
            }
            long total = progress.values().stream().mapToLong(AtomicLong::get).sum();
            if (total != lastTotal) {
                lastTotal = total;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STALL_MILLIS * 1_000_000) {
                stall = describe(threads.dumpAllThreads(true, true));
                break;
            }
        }
        running.set(false);
        for (Thread activity : activities) {
            activity.join(30_000);
        }
        LOG.info("Deadlock hunt of {} s: {}", seconds, progress);

        assertThat(deadlock).as("deadlocked threads").isNull();
        assertThat(stall).as("no progress for %d ms", STALL_MILLIS).isNull();
        assertThat(failure.get()).as("an activity's failure").isNull();
        assertThat(activities).noneMatch(Thread::isAlive);
        assertThat(progress.keySet()).hasSize(activities.size());
        assertThat(progress.values()).allMatch(count -> count.get() > 0);
    }

    private void sendToQueue() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            while (running.get()) {
                producer.send(session.createTextMessage("q"));
                tick("send to the queue");
            }
        }
    }

    private void publishToTopic() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createTopic(TOPIC));
            while (running.get()) {
                producer.send(session.createTextMessage("t"));
                tick("publish to the topic");
            }
        }
    }

    private void consume(int mode) throws JMSException {
        String what = mode == Session.CLIENT_ACKNOWLEDGE ? "consume in CLIENT mode" : "consume in a transaction";
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(mode);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            for (int i = 0; running.get(); i++) {
                jakarta.jms.Message message = consumer.receive(100);
                if (message == null) {
                    continue;
                }
                if (mode == Session.SESSION_TRANSACTED) {
                    if (i % 7 == 0) {
                        session.rollback();
                    } else {
                        session.commit();
                    }
                } else if (i % 7 == 0) {
                    session.recover();
                } else {
                    message.acknowledge();
                }
                tick(what);
            }
        }
    }

    private void durableChurn() throws JMSException {
        try (Connection connection = new TernConnectionFactory(factory.getBrokerURL() + "?jms.clientID=hunter")
                .createConnection()) {
            connection.start();
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic(TOPIC);
            for (int i = 0; running.get(); i++) {
                String subscription = "sub" + (i % 3);
                MessageConsumer subscriber = session.createDurableSubscriber(topic, subscription);
                subscriber.receive(20);
                subscriber.close();
                session.unsubscribe(subscription);
                tick("durable subscribe and unsubscribe");
            }
        }
    }

    private void replay() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            while (running.get()) {
                MessageConsumer replaying = session.createConsumer(session.createTopic(TOPIC + "?consumer.replayFrom=beginning"));
                for (int i = 0; i < 20 && replaying.receive(20) != null; i++) {
                    // takes part of the replay, then leaves it behind
                }
                replaying.close();
                tick("replay the topic");
            }
        }
    }

    /** A raw connection that takes deliveries with credit, then loses its socket with them in flight. */
    private void dropConnection() throws Exception {
        while (running.get()) {
            RawClient raw = RawClient.connect(port);
            raw.call(new Command.OpenConnection(1, null, null, null));
            raw.call(new Command.CreateSession(2, 1, AckMode.CLIENT));
            raw.call(new Command.CreateConsumer(3, 1, 1, new ConsumerSpec(DestinationName.queue(QUEUE), null, false,
                    null, false, false), 10));
            raw.send(new Command.StartDelivery(4));
            raw.close();
            tick("drop connections");
        }
    }

    private Thread activity(String what, ThrowingRunnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                if (running.get()) {
                    failure.compareAndSet(null, new AssertionError(what + " failed", e));
                }
            }
        }, "hunt: " + what);
        thread.setDaemon(true);
        return thread;
    }

    private void tick(String what) {
        progress.computeIfAbsent(what, key -> new AtomicLong()).incrementAndGet();
    }

    private static String describe(ThreadInfo[] infos) {
        return Arrays.stream(infos).map(String::valueOf).collect(Collectors.joining("\n"));
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
