package dev.tern.jms.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnection;
import dev.tern.jms.TernConnectionFactory;
import dev.tern.protocol.QueueStatistics;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fuzzes the broker's tcp:// protocol with random and mutated frames ({@link FuzzFrames}) from many
 * connections, while a well-behaved JMS client sends and receives throughout, then checks the broker's
 * state: it is alive, the good client saw no failure, no consumer of the fuzzing connections is left
 * (through the statistics command), no connection but the good client's is open, and a fresh client can
 * send to and receive from every queue the fuzzer touched.
 *
 * <p>20,000 frames with the seed {@value #DEFAULT_SEED} by default; {@code -Dtern.fuzz.frames=100000} for
 * a long run and {@code -Dtern.fuzz.seed=N} to replay one (the seed is logged). docs/reliability.md has
 * the figures.
 */
@Timeout(900)
class WireFuzzTest {

    private static final Logger LOG = LoggerFactory.getLogger(WireFuzzTest.class);
    private static final long DEFAULT_SEED = 20_261_204L;
    private static final int WORKERS = 4;
    private static final String GOOD_QUEUE = "well-behaved";

    private final String name = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong bytesBack = new AtomicLong();
    private Broker broker;
    private TernConnectionFactory factory;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedBrokers.start(BrokerConfig.named(name).withPersistent(false).withTcp(
                TcpSettings.onPort(0).withHost("127.0.0.1").withIdleTimeoutMillis(2_000)));
        factory = new TernConnectionFactory("tcp://127.0.0.1:" + broker.tcpPort());
    }

    @AfterEach
    void stopBroker() {
        EmbeddedBrokers.stop(name);
    }

    @Test
    void randomAndMutatedFramesLeaveNoStateBehindAndDisturbNoOtherClient() throws Exception {
        long seed = Long.getLong("tern.fuzz.seed", DEFAULT_SEED);
        int frames = Integer.getInteger("tern.fuzz.frames", 20_000);
        LOG.info("Wire fuzz: {} frames, seed {} (replay with -Dtern.fuzz.seed={})", frames, seed, seed);

        GoodClient good = new GoodClient(factory);
        good.start();
        long started = System.nanoTime();
        int connections = fuzz(seed, frames);
        double seconds = (System.nanoTime() - started) / 1e9;
        good.stop();
        LOG.info("Wire fuzz: {} frames over {} connections in {} s ({} frames/s), {} bytes of answers back; the good "
                + "client made {} round trips meanwhile", frames, connections, String.format("%.1f", seconds),
                Math.round(frames / seconds), bytesBack.get(), good.roundTrips());

        assertThat(broker.isClosed()).as("broker alive").isFalse();
        assertThat(good.failure()).as("the good client's first failure").isNull();
        assertThat(good.roundTrips()).as("the good client's round trips").isPositive();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(broker.connectionCount()).as("connections left open").isZero());
        assertNoConsumerLeft();
        assertEveryFuzzedQueueStillServes();
    }

    /** Runs the fuzzing connections on a few threads; returns how many there were. */
    private int fuzz(long seed, int totalFrames) throws Exception {
        AtomicLong framesLeft = new AtomicLong(totalFrames);
        AtomicInteger connections = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                Random random = new Random(seed + w);
                done.add(workers.submit(() -> {
                    FuzzFrames source = new FuzzFrames(random);
                    while (true) {
                        int count = 1 + random.nextInt(60);
                        long left = framesLeft.getAndAdd(-count);
                        if (left <= 0) {
                            return null;
                        }
                        playOneConnection(source.connection((int) Math.min(count, left)), random);
                        connections.incrementAndGet();
                    }
                }));
            }
            for (Future<?> worker : done) {
                worker.get(600, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
        }
        return connections.get();
    }

    /** Writes the frames, then reads what comes back for a moment or drops the socket at once. */
    private void playOneConnection(List<byte[]> frames, Random random) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", broker.tcpPort())) {
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[8192];
            try {
                for (byte[] frame : frames) {
                    out.write(frame);
                    if (in.available() > 0) {
                        bytesBack.addAndGet(in.read(sink));
                    }
                }
                out.flush();
                if (random.nextBoolean()) {
                    socket.shutdownOutput();
                    for (int n = in.read(sink); n >= 0; n = in.read(sink)) {
                        bytesBack.addAndGet(n);
                    }
                }
            } catch (IOException closedByTheBroker) {
                // the broker closes connections that send bad frames: expected
            }
        }
    }

    private void assertNoConsumerLeft() throws Exception {
        try (TernConnection admin = (TernConnection) factory.createConnection()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (QueueStatistics queue : admin.queueStatistics()) {
                    assertThat(queue.consumerCount()).as("consumers left on %s", queue.name()).isZero();
                }
            });
        }
    }

    private void assertEveryFuzzedQueueStillServes() {
        try (JMSContext context = factory.createContext()) {
            for (String queueName : FuzzFrames.QUEUES) {
                if (broker.messageCount(queueName).isEmpty()) {
                    continue; // never created: the fuzzer's frames for it were all refused
                }
                Queue queue = context.createQueue(queueName);
                String marker = UUID.randomUUID().toString();
                JMSConsumer consumer = context.createConsumer(queue, "marker = '" + marker + "'");
                context.createProducer().setProperty("marker", marker).send(queue, "after the fuzz");
                assertThat(consumer.receiveBody(String.class, 10_000)).as("a message through %s", queueName)
                        .isEqualTo("after the fuzz");
                consumer.close();
            }
        }
    }

    /** Sends and receives one message at a time on its own queue until stopped; remembers its first failure. */
    private static final class GoodClient {

        private final TernConnectionFactory factory;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong roundTrips = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread = new Thread(this::run, "good-client");

        GoodClient(TernConnectionFactory factory) {
            this.factory = factory;
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(60_000);
            assertThat(thread.isAlive()).as("the good client stopped").isFalse();
        }

        long roundTrips() {
            return roundTrips.get();
        }

        Throwable failure() {
            return failure.get();
        }

        private void run() {
            try (JMSContext context = factory.createContext()) {
                Queue queue = context.createQueue(GOOD_QUEUE);
                JMSConsumer consumer = context.createConsumer(queue);
                for (long i = 0; running.get(); i++) {
                    String body = "message " + i;
                    context.createProducer().send(queue, body);
                    String received = consumer.receiveBody(String.class, 10_000);
                    if (!body.equals(received)) {
                        throw new AssertionError("sent '" + body + "' and received '" + received + "'");
                    }
                    roundTrips.incrementAndGet();
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }
    }
}
