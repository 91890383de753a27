package dev.tern.jms.crash.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tern.broker.store.PostgresTestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The high-availability soak (issue 20): two brokers in child JVMs share one PostgreSQL store; one is live, the
 * other a backup. Under the crash soak's load ({@link SoakRun}: persistent producers, AUTO, CLIENT and transacted
 * consumers, a durable subscription), the live broker is killed with SIGKILL, the backup takes over, and the
 * killed one is started again as the new backup, takeover after takeover; each client, on losing its broker,
 * connects to the other in turn. After the last takeover a final consumer drains every destination, and the
 * audit must find nothing lost, nothing received again after its commit or acknowledgment, nothing out of order.
 *
 * <p>Each takeover's time, from the kill to the backup serving, is logged with the median and the longest. By
 * default 20 takeovers run, with a lease of {@value #LEASE_MILLIS} ms; {@code -Dtern.ha.takeovers=N} runs more.
 */
class TakeoverSoakTest {

    private static final Logger LOG = LoggerFactory.getLogger(TakeoverSoakTest.class);

    private static final int TAKEOVERS = Integer.getInteger("tern.ha.takeovers", 20);
    private static final long SEED = Long.getLong("tern.soak.seed", System.nanoTime());
    private static final long LEASE_MILLIS = 2000;
    private static final int MIN_STORED_PER_CYCLE = 200;
    private static final int MAX_STORED_PER_CYCLE = 600;
    private static final Duration CYCLE_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration TAKEOVER_TIMEOUT = Duration.ofSeconds(60);

    private final SoakRun run = new SoakRun("Takeover soak", SEED);
    private final int[] ports = {ChildBroker.freePort(), ChildBroker.freePort()};
    private final ChildBroker[] brokers = new ChildBroker[2];
    private final List<Long> takeoverMillis = new ArrayList<>();

    @Test
    void takeoverAfterKillNineUnderLoadLosesNothingAcknowledgedAndDuplicatesNothingCommitted() {
        Duration budget = CYCLE_TIMEOUT.plus(TAKEOVER_TIMEOUT).multipliedBy(TAKEOVERS)
                .plus(SoakRun.DRAIN_TIMEOUT).plus(Duration.ofMinutes(2));
        assertTimeoutPreemptively(budget, this::soak);
    }

    private void soak() throws Exception {
        String jdbcUrl = PostgresTestServer.newDatabase();
        Random random = new Random(SEED);
        Duration lease = Duration.ofMillis(LEASE_MILLIS);
        LOG.info("Takeover soak: {} takeovers, seed {}, brokers on ports {} and {}, store {}", TAKEOVERS, SEED,
                ports[0], ports[1], jdbcUrl);
        long started = System.nanoTime();
        int live = 0;
        try {
            brokers[0] = ChildBroker.startOnSharedStore(jdbcUrl, ports[0], lease);
            brokers[0].awaitServing(TAKEOVER_TIMEOUT);
            brokers[1] = ChildBroker.startOnSharedStore(jdbcUrl, ports[1], lease);
            run.ledger.beginCycle(1);
            run.subscribeDurably(url(0));
            run.startClients(List.of(url(0), url(1)), random);
            for (int takeover = 1; takeover <= TAKEOVERS; takeover++) {
                run.awaitLoad(MIN_STORED_PER_CYCLE + random.nextInt(MAX_STORED_PER_CYCLE - MIN_STORED_PER_CYCLE + 1),
                        CYCLE_TIMEOUT);
                int backup = 1 - live;
                assertThat(brokers[backup].isServing()).as("takeover %d: the backup waits", takeover).isFalse();
                long killed = System.nanoTime();
                brokers[live].kill();
                brokers[backup].awaitServing(TAKEOVER_TIMEOUT);
                long took = (System.nanoTime() - killed) / 1_000_000;
                takeoverMillis.add(took);
                run.ledger.beginCycle(takeover + 1);
                LOG.info("Takeover {}: broker on port {} killed, the one on {} served after {} ms", takeover,
                        ports[live], ports[backup], took);
                brokers[live] = ChildBroker.startOnSharedStore(jdbcUrl, ports[live], lease);
                live = backup;
            }
            run.stopClients();
            run.drain(url(live));
        } finally {
            for (ChildBroker broker : brokers) {
                if (broker != null) {
                    broker.close();
                }
            }
            run.stopClientsAfterFailure();
        }
        List<Long> sorted = takeoverMillis.stream().sorted().toList();
        LOG.info("Takeover soak: takeover times with a {} ms lease: median {} ms, longest {} ms", LEASE_MILLIS,
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
        run.check(TAKEOVERS + 1, TAKEOVERS + " takeovers", Duration.ofNanos(System.nanoTime() - started));
    }

    private String url(int broker) {
        return "tcp://127.0.0.1:" + ports[broker] + "?jms.requestTimeout=15000";
    }
}
