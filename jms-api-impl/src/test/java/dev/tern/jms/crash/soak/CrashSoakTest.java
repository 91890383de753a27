package dev.tern.jms.crash.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tern.jms.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash soak (issue 17): a broker in a child JVM, on {@code tcp://} with its H2 journal in a temporary
 * directory, under load from {@value SoakRun#PRODUCERS} producers of persistent messages and one consumer per
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
    private static final int MIN_STORED_PER_CYCLE = 1000;
    private static final int MAX_STORED_PER_CYCLE = 3000;
    private static final Duration CYCLE_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dataDir;

    private final SoakRun run = new SoakRun("Crash soak", SEED);
    private final int port = ChildBroker.freePort();
    private final String url = "tcp://127.0.0.1:" + port + "?jms.requestTimeout=15000";
    private ChildBroker broker;

    @Test
    void killNineUnderLoadLosesNoStoredMessageRedeliversNothingSettledAndKeepsEachProducersOrder() {
        Duration budget = CYCLE_TIMEOUT.multipliedBy(CYCLES).plus(SoakRun.DRAIN_TIMEOUT).plus(Duration.ofMinutes(2));
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
                    run.subscribeDurably(url);
                    run.startClients(List.of(url), random);
                }
                int storedBeforeKill = MIN_STORED_PER_CYCLE
                        + random.nextInt(MAX_STORED_PER_CYCLE - MIN_STORED_PER_CYCLE + 1);
                loadThenKill(cycle, storedBeforeKill, servedAfter);
            }
            startBroker(CYCLES + 1);
            run.stopClients();
            run.drain(url);
        } finally {
            if (broker != null) {
                broker.close();
            }
            run.stopClientsAfterFailure();
        }
        run.check(CYCLES + 1, CYCLES + " kill -9 cycles", Duration.ofNanos(System.nanoTime() - started));
    }

    /** Starts the broker for a new cycle on the same journal and port; returns how long it took to serve, in ms. */
    private long startBroker(int cycle) throws InterruptedException {
        long starting = System.nanoTime();
        broker = ChildBroker.start(dataDir, port);
        run.ledger.beginCycle(cycle);
        return (System.nanoTime() - starting) / 1_000_000;
    }

    private void loadThenKill(int cycle, int storedBeforeKill, long servedAfter) throws InterruptedException {
        long loading = System.nanoTime();
        run.awaitLoad(storedBeforeKill, CYCLE_TIMEOUT);
        int exitStatus = broker.kill();
        broker = null;
        assertThat(exitStatus).as("cycle %d: the broker's exit status", cycle).isEqualTo(ChildJvm.KILLED);
        LOG.info("Cycle {}: the broker served after {} ms, was killed by SIGKILL after {} ms of load with {} sends "
                + "stored in this life", cycle, servedAfter, (System.nanoTime() - loading) / 1_000_000,
                run.ledger.storedThisCycle());
    }
}
