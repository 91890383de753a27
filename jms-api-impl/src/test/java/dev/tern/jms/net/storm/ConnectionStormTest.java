package dev.tern.jms.net.storm;

import static dev.tern.jms.net.storm.BrokerProcess.HeapSample.megabytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.jms.TernConnection;
import dev.tern.jms.TernConnectionFactory;
import dev.tern.protocol.QueueStatistics;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proof under load (issue 17): a steady producer and consumer keep at least half their quiet throughput,
 * and the broker's heap stays bounded, while {@value #DEFAULT_CONNECTIONS} connections are opened and dropped
 * and {@value #DEFAULT_SLOW_CONSUMERS} consumers that never read sit on a queue that is fed all along.
 *
 * <p>The broker runs in a JVM of its own with {@value #MAX_HEAP} of heap ({@link StormBroker}). The steady
 * pair sends non-persistent messages (no disk syncs in the ratio) to a queue whose policy holds its producer
 * back at 2,000 waiting messages (BLOCK). Throughput is the steady consumer's messages per second in one-second
 * windows, quiet before the storm and after it (the median of both together is the quiet figure, so that a
 * drift on either side moves it little), and while the storm runs (their median is the loaded figure). After
 * each window the broker reports its live heap after a full collection and the most it held after any
 * collection meanwhile. The slow consumers' queue is fed persistent messages under the default policy, so the
 * broker must stop at their windows and page the rest. Afterwards no connection and no consumer of the storm
 * may be left, and the live heap must be back near where it was before.
 *
 * <p>{@code -Dtern.storm.connections=N} (default {@value #DEFAULT_CONNECTIONS}) and
 * {@code -Dtern.storm.seconds=S} (default {@value #DEFAULT_SECONDS}, the time the connections' starts are
 * spread over) make a longer storm; {@code -Dtern.storm.slowConsumers=N} changes the slow consumers.
 * docs/reliability.md, "Connection storm and slow consumers", has the commands and the figures.
 */
@Timeout(1800)
class ConnectionStormTest {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionStormTest.class);
    private static final int DEFAULT_CONNECTIONS = 2_000;
    private static final int DEFAULT_SECONDS = 10;
    private static final int DEFAULT_SLOW_CONSUMERS = 100;
    private static final String MAX_HEAP = "256m";
    private static final int STORM_THREADS = 4;
    private static final int STORM_PREFETCH = 10;
    private static final int SLOW_PREFETCH = 20;
    private static final int FEED_PER_SECOND = 2_000;
    private static final int CHURN_STOCK = 200;
    private static final Duration WINDOW = Duration.ofSeconds(1);
    /** Windows before the quiet figure: the pair takes 10 s or more to reach its steady rate, as the JIT compilers work. */
    private static final int WARM_UP_WINDOWS = 12;
    private static final int WARM_UP_CONNECTIONS = 400;
    private static final Duration WARM_UP_STORM = Duration.ofSeconds(4);
    /** Quiet windows before the storm and as many after it: their median is the quiet figure, robust to drift. */
    private static final int QUIET_WINDOWS = 4;
    private static final int SLOW_ONLY_WINDOWS = 3;
    private static final int MIN_LOADED_WINDOWS = 3;
    /**
     * How much more live heap than before the storm is allowed after it: mostly the journal's page cache (H2
     * MVStore, 16 MB by its own estimate), which the storm's persistent messages fill further than the warm-up's.
     */
    private static final long HEAP_TOLERANCE = 24L << 20;

    private final int connections = Integer.getInteger("tern.storm.connections", DEFAULT_CONNECTIONS);
    private final int seconds = Integer.getInteger("tern.storm.seconds", DEFAULT_SECONDS);
    private final int slowConsumers = Integer.getInteger("tern.storm.slowConsumers", DEFAULT_SLOW_CONSUMERS);
    @TempDir
    Path dataDir;
    private BrokerProcess broker;
    private String url;
    private TernConnection admin;
    private SteadyPair pair;

    @Test
    void steadyPairKeepsHalfItsThroughputAndHeapStaysBoundedThroughConnectionStormAndSlowConsumers() throws Exception {
        LOG.info("Connection storm: {} connections over {} s on {} threads, {} slow consumers (prefetch {}) fed {} msg/s, "
                + "broker -Xmx{}", connections, seconds, STORM_THREADS, slowConsumers, SLOW_PREFETCH, FEED_PER_SECOND,
                MAX_HEAP);
        try (BrokerProcess started = BrokerProcess.start(dataDir, MAX_HEAP)) {
            broker = started;
            url = "tcp://127.0.0.1:" + broker.port();
            TernConnectionFactory factory = new TernConnectionFactory(url);
            try (TernConnection connection = (TernConnection) factory.createConnection()) {
                admin = connection;
                stock(StormBroker.CHURN, CHURN_STOCK);
                try (SteadyPair running = SteadyPair.start(factory, StormBroker.STEADY)) {
                    pair = running;
                    stormWhileThePairRuns(factory);
                }
                assertThat(pair.failure()).as("the steady pair's first failure").isNull();
            }
        }
    }

    private void stormWhileThePairRuns(TernConnectionFactory factory) throws Exception {
        warmUp(factory);
        Phase before = windows("Quiet before", QUIET_WINDOWS);
        LOG.info("{}", before);
        int kept = broker.connectionCount();

        Phase loaded = new Phase("Loaded");
        Phase slowOnly;
        ConnectionStorm.Figures storm;
        try (Feeder feeder = Feeder.start(factory, StormBroker.SLOW, FEED_PER_SECOND);
                SlowConsumers ignored = SlowConsumers.open(url, StormBroker.SLOW, slowConsumers, SLOW_PREFETCH)) {
            awaitSlowConsumersFull();
            slowOnly = windows("Slow consumers and feeder, no storm", SLOW_ONLY_WINDOWS);
            LOG.info("{}", slowOnly);
            storm = storm(loaded);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(broker.connectionCount()).as("connections open after the storm")
                            .isEqualTo(kept + slowConsumers + 1));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(statistics(StormBroker.CHURN).consumerCount()).as("consumers left by the storm").isZero());
            QueueStatistics slowQueue = statistics(StormBroker.SLOW);
            LOG.info("Slow queue at the storm's end: {} sent, {} waiting, {} deliveries, {} consumers", feeder.sent(),
                    slowQueue.messageCount(), slowQueue.dispatchedCount(), slowQueue.consumerCount());
            assertThat(slowQueue.dispatchedCount()).as("deliveries to consumers that never read")
                    .isEqualTo((long) slowConsumers * SLOW_PREFETCH);
            assertThat(feeder.failure()).as("the feeder's first failure").isNull();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(broker.connectionCount()).as("connections open once the slow consumers are gone")
                        .isEqualTo(kept));
        assertThat(statistics(StormBroker.SLOW).consumerCount()).as("slow consumers left").isZero();
        broker.purge(StormBroker.SLOW);
        long settled = awaitLiveHeapBelow(before.medianLive() + HEAP_TOLERANCE);
        Phase after = windows("Quiet after (settled at " + megabytes(settled) + ")", QUIET_WINDOWS);
        LOG.info("{}", after);

        double quietMedian = Throughput.medianOf(before.throughput(), after.throughput());
        double ratio = loaded.throughput().median() / quietMedian;
        long maxHeap = before.maxHeap();
        long mostAfterGc = List.of(before, slowOnly, loaded, after).stream().mapToLong(Phase::mostAfterGc).max().orElse(0);
        LOG.info("Figures: quiet {} msg/s (before {}, after {}), slow consumers only {} msg/s, loaded {} msg/s, ratio {}; "
                + "{} connections at {}/s; live heap before {}, most during {}, after {}; most after any collection {} of {}",
                String.format("%.0f", quietMedian), String.format("%.0f", before.throughput().median()),
                String.format("%.0f", after.throughput().median()), String.format("%.0f", slowOnly.throughput().median()),
                String.format("%.0f", loaded.throughput().median()), String.format("%.2f", ratio), storm.connections(),
                String.format("%.0f", storm.perSecond()), megabytes(before.medianLive()), megabytes(loaded.mostLive()),
                megabytes(after.medianLive()), megabytes(mostAfterGc), megabytes(maxHeap));

        assertThat(storm.failures()).as("connections of the storm that failed").isEmpty();
        assertThat(storm.connections()).isEqualTo(connections);
        assertThat(loaded.throughput().windows()).as("windows measured during the storm")
                .isGreaterThanOrEqualTo(MIN_LOADED_WINDOWS);
        assertThat(ratio).as("loaded / quiet throughput of the steady pair").isGreaterThanOrEqualTo(0.5);
        for (Phase phase : List.of(before, slowOnly, loaded, after)) {
            assertThat(phase.mostLive()).as("live heap, %s", phase).isLessThan(maxHeap / 4);
        }
        assertThat(mostAfterGc).as("heap after any collection, most").isLessThan(maxHeap * 3 / 4);
        assertThat(after.medianLive()).as("live heap after the storm").isLessThanOrEqualTo(before.medianLive() + HEAP_TOLERANCE);
    }

    /**
     * Warms both JVMs up while the pair runs: a small storm, so that the storm's code is compiled before the
     * loaded windows, and persistent messages on the slow consumers' queue, purged afterwards, so that the
     * journal's code is compiled and its page cache filled before the heap's baseline is taken.
     */
    private void warmUp(TernConnectionFactory factory) throws Exception {
        ConnectionStorm warmUpStorm = ConnectionStorm.start(broker.port(), stormFactory(), StormBroker.CHURN,
                WARM_UP_CONNECTIONS, STORM_THREADS, WARM_UP_STORM);
        try (Feeder feeder = Feeder.start(factory, StormBroker.SLOW, FEED_PER_SECOND)) {
            LOG.info("{}", windows("Warm-up", WARM_UP_WINDOWS));
            assertThat(feeder.failure()).as("the feeder's first failure").isNull();
        }
        assertThat(warmUpStorm.await(Duration.ofMinutes(1)).failures()).as("connections of the warm-up storm that failed")
                .isEmpty();
        broker.purge(StormBroker.SLOW);
    }

    /**
     * Waits, at most a minute, until the live heap is below {@code bytes}, while the journal discards what
     * a purge removed; returns the last sample.
     */
    private long awaitLiveHeapBelow(long bytes) {
        AtomicLong live = new AtomicLong();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            live.set(broker.heap().live());
            assertThat(live.get()).as("live heap after the storm, %s", megabytes(live.get())).isLessThan(bytes);
        });
        return live.get();
    }

    /** Measures the steady pair over {@code count} windows. */
    private Phase windows(String name, int count) throws InterruptedException {
        Phase phase = new Phase(name);
        for (int i = 0; i < count; i++) {
            phase.window(pair::received, WINDOW, broker);
        }
        return phase;
    }

    /** Waits until every slow consumer holds a full window and messages wait behind them. */
    private void awaitSlowConsumersFull() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            QueueStatistics filling = statistics(StormBroker.SLOW);
            assertThat(filling.consumerCount()).isEqualTo(slowConsumers);
            assertThat(filling.dispatchedCount()).as("deliveries to the slow consumers")
                    .isGreaterThanOrEqualTo((long) slowConsumers * SLOW_PREFETCH);
            assertThat(filling.messageCount()).as("messages waiting behind full windows").isPositive();
        });
    }

    /** Runs the storm, measuring the steady pair in windows until it ends. */
    private ConnectionStorm.Figures storm(Phase loaded) throws InterruptedException {
        ConnectionStorm running = ConnectionStorm.start(broker.port(), stormFactory(), StormBroker.CHURN, connections,
                STORM_THREADS, Duration.ofSeconds(seconds));
        while (!running.isDone()) {
            loaded.window(pair::received, WINDOW, broker);
        }
        ConnectionStorm.Figures storm = running.await(Duration.ofMinutes(5));
        loaded.heapSample(broker);
        LOG.info("Storm: {} connections in {} s ({} per second), {}; {} failed", storm.connections(),
                String.format("%.1f", storm.seconds()), String.format("%.0f", storm.perSecond()), storm.byKind(),
                storm.failures().size());
        LOG.info("{}", loaded);
        return storm;
    }

    /** Makes the storm's JMS connections: a small prefetch, so that each takes a few of the queue's messages. */
    private TernConnectionFactory stormFactory() {
        return new TernConnectionFactory(url + "?jms.prefetch=" + STORM_PREFETCH);
    }

    /** Sends {@code count} non-persistent messages to a queue. */
    private void stock(String queue, int count) throws JMSException {
        try (Session session = admin.createSession(Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            for (int i = 0; i < count; i++) {
                producer.send(session.createTextMessage("churn " + i));
            }
        }
    }

    private QueueStatistics statistics(String queue) throws JMSException {
        return admin.queueStatistics().stream().filter(statistics -> statistics.name().equals(queue)).findFirst()
                .orElseThrow(() -> new AssertionError("no queue " + queue));
    }
}
