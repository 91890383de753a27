package dev.tern.jms.crash.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tern.jms.TernConnectionFactory;
import dev.tern.jms.testing.ChildJvm;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash soak (issue 17): a broker in a child JVM, on {@code tcp://} with its H2 journal in a temporary
 * directory, under load from {@value #PRODUCERS} producers of persistent messages and one consumer per
 * destination (AUTO_ACKNOWLEDGE, CLIENT_ACKNOWLEDGE and transacted queues, a durable subscription), is killed
 * with SIGKILL and restarted on the same directory and port, cycle after cycle, while the clients reconnect.
 * After the last restart a final consumer drains every destination until the broker holds nothing.
 * {@link SoakAudit} then counts what was lost, received again after its commit or acknowledgment, or received
 * out of order; the figures are logged per cycle and in total, and each of these must be 0.
 *
 * <p>Each cycle runs until the producers have stored a random number of messages in it (from the seed) and
 * every consumer settled something, then the broker is killed. By default 5 cycles run; the full soak is
 * {@code -Dtern.soak.cycles=100}. {@code -Dtern.soak.seed=N} repeats the random choices of an earlier run
 * (when to kill, batch sizes, rollbacks), not its thread timing.
 */
class CrashSoakTest {

    private static final Logger LOG = LoggerFactory.getLogger(CrashSoakTest.class);

    private static final int CYCLES = Integer.getInteger("tern.soak.cycles", 5);
    private static final long SEED = Long.getLong("tern.soak.seed", System.nanoTime());
    private static final int PRODUCERS = 4;
    private static final int MIN_STORED_PER_CYCLE = 1000;
    private static final int MAX_STORED_PER_CYCLE = 3000;
    private static final Duration CYCLE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dataDir;

    private final SoakLedger ledger = new SoakLedger();
    private final List<ReconnectingClient> clients = new ArrayList<>();
    private final int port = ChildBroker.freePort();
    private final String url = "tcp://127.0.0.1:" + port + "?jms.requestTimeout=15000";
    private ChildBroker broker;

    @Test
    void killNineUnderLoadLosesNoStoredMessageRedeliversNothingSettledAndKeepsEachProducersOrder() {
        Duration budget = CYCLE_TIMEOUT.multipliedBy(CYCLES).plus(DRAIN_TIMEOUT).plus(Duration.ofMinutes(2));
        assertTimeoutPreemptively(budget, this::soak);
    }

    private void soak() throws Exception {
        Random random = new Random(SEED);
        LOG.info("Crash soak: {} kill -9 cycles, seed {}, broker on port {}, journal in {}", CYCLES, SEED, port, dataDir);
        long started = System.nanoTime();
        try {
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                long servedAfter = startBroker(cycle);
                if (cycle == 1) {
                    subscribeDurably();
                    startClients(random);
                }
                int storedBeforeKill = MIN_STORED_PER_CYCLE
                        + random.nextInt(MAX_STORED_PER_CYCLE - MIN_STORED_PER_CYCLE + 1);
                loadThenKill(cycle, storedBeforeKill, servedAfter);
            }
            startBroker(CYCLES + 1);
            stopClients();
            drain();
        } finally {
            if (broker != null) {
                broker.close();
            }
            stopClientsAfterFailure();
        }
        check(SoakAudit.of(ledger, CYCLES + 1), Duration.ofNanos(System.nanoTime() - started));
    }

    /** Starts the broker for a new cycle on the same journal and port; returns how long it took to serve, in ms. */
    private long startBroker(int cycle) throws InterruptedException {
        long starting = System.nanoTime();
        broker = ChildBroker.start(dataDir, port);
        ledger.beginCycle(cycle);
        return (System.nanoTime() - starting) / 1_000_000;
    }

    /** Creates the subscription before anything is published, so that it holds every message sent to the topic. */
    private void subscribeDurably() throws JMSException {
        try (Connection connection = new TernConnectionFactory(url).createConnection()) {
            connection.setClientID(SoakDestination.CLIENT_ID);
            SoakDestination.DURABLE_TOPIC.consumerOn(connection.createSession(Session.AUTO_ACKNOWLEDGE));
        }
    }

    private void startClients(Random random) {
        for (SoakDestination destination : SoakDestination.values()) {
            clients.add(new SoakConsumer(url, destination, ledger, random.nextLong()));
        }
        for (int p = 0; p < PRODUCERS; p++) {
            clients.add(new SoakProducer(url, p, ledger));
        }
        clients.forEach(ReconnectingClient::start);
    }

    private void loadThenKill(int cycle, int storedBeforeKill, long servedAfter) throws InterruptedException {
        long loading = System.nanoTime();
        await().atMost(CYCLE_TIMEOUT).until(() -> {
            clients.forEach(ReconnectingClient::checkHealthy);
            return ledger.storedThisCycle() >= storedBeforeKill && ledger.everyConsumerSettledThisCycle();
        });
        int exitStatus = broker.kill();
        broker = null;
        assertThat(exitStatus).as("cycle %d: the broker's exit status", cycle).isEqualTo(ChildJvm.KILLED);
        LOG.info("Cycle {}: the broker served after {} ms, was killed by SIGKILL after {} ms of load with {} sends "
                + "stored in this life", cycle, servedAfter, (System.nanoTime() - loading) / 1_000_000,
                ledger.storedThisCycle());
    }

    /** Producers first (they were started last), so that the consumers take what they sent last. */
    private void stopClients() throws InterruptedException {
        for (int i = clients.size() - 1; i >= 0; i--) {
            clients.get(i).stop(STOP_TIMEOUT);
        }
    }

    /** Stops what still runs; a client's own failure was reported already, or explains less than the test's. */
    private void stopClientsAfterFailure() throws InterruptedException {
        try {
            stopClients();
        } catch (IllegalStateException e) {
            LOG.warn("Crash soak: {}", e.getMessage());
        }
    }

    private void drain() {
        SoakDrain drain = new SoakDrain(url, ledger);
        await().atMost(DRAIN_TIMEOUT).pollDelay(Duration.ZERO).until(() -> {
            drain.drainAll();
            return drain.waiting() == 0;
        });
    }

    private void check(SoakAudit audit, Duration took) {
        SoakFigures total = audit.total();
        LOG.info("Crash soak figures per cycle; a figure counts in the cycle its send was attempted or its message "
                + "received; redeliveries as all/with JMSRedelivered:\n{}", audit.table());
        LOG.info("Crash soak: {} kill -9 cycles in {} s (seed {}): {}", CYCLES, took.toSeconds(), SEED, total.summary());
        audit.examples().forEach(example -> LOG.warn("Crash soak (seed {}): {}", SEED, example));

        String cases = "seed " + SEED + ", first cases " + audit.examples();
        assertThat(total.stored).as("messages stored").isPositive();
        assertThat(total.lost).as("stored messages never received; %s", cases).isZero();
        assertThat(total.duplicatedAfterCommit).as("messages received after their commit or acknowledge; %s", cases)
                .isZero();
        assertThat(total.outOfOrder).as("receipts out of each producer's order; %s", cases).isZero();
        assertThat(total.unexpected).as("receipts of messages never sent there; %s", cases).isZero();
    }
}
