package dev.tern.jms.crash.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the crash soaks share: their clients (one consumer per destination and {@value #PRODUCERS} producers),
 * the ledger they write, the final drain, and the audit of what was lost, received again or out of order.
 */
final class SoakRun {

    private static final Logger LOG = LoggerFactory.getLogger(SoakRun.class);

    static final int PRODUCERS = 4;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

    final SoakLedger ledger = new SoakLedger();
    private final List<ReconnectingClient> clients = new ArrayList<>();
    private final String name;
    private final long seed;

    /** @param name names the soak in the log */
    SoakRun(String name, long seed) {
        this.name = name;
        this.seed = seed;
    }

    /** Creates the subscription before anything is published, so that it holds every message sent to the topic. */
    void subscribeDurably(String url) throws JMSException {
        try (Connection connection = new TernConnectionFactory(url).createConnection()) {
            connection.setClientID(SoakDestination.CLIENT_ID);
            SoakDestination.DURABLE_TOPIC.consumerOn(connection.createSession(Session.AUTO_ACKNOWLEDGE));
        }
    }

    /** Starts the consumers and producers; each connects to the URLs in turn until one answers. */
    void startClients(List<String> urls, Random random) {
        for (SoakDestination destination : SoakDestination.values()) {
            clients.add(new SoakConsumer(urls, destination, ledger, random.nextLong()));
        }
        for (int p = 0; p < PRODUCERS; p++) {
            clients.add(new SoakProducer(urls, p, ledger));
        }
        clients.forEach(ReconnectingClient::start);
    }

    /** Waits until the producers stored this many messages in this cycle and every consumer settled something. */
    void awaitLoad(int storedThisCycle, Duration timeout) {
        await().atMost(timeout).until(() -> {
            clients.forEach(ReconnectingClient::checkHealthy);
            return ledger.storedThisCycle() >= storedThisCycle && ledger.everyConsumerSettledThisCycle();
        });
    }

    /** Producers first (they were started last), so that the consumers take what they sent last. */
    void stopClients() throws InterruptedException {
        for (int i = clients.size() - 1; i >= 0; i--) {
            clients.get(i).stop(STOP_TIMEOUT);
        }
    }

    /** Stops what still runs; a client's own failure was reported already, or explains less than the test's. */
    void stopClientsAfterFailure() throws InterruptedException {
        try {
            stopClients();
        } catch (IllegalStateException e) {
            LOG.warn("{}: {}", name, e.getMessage());
        }
    }

    /** Receives what is left on every destination, until the broker holds nothing of the soak's. */
    void drain(String url) {
        SoakDrain drain = new SoakDrain(url, ledger);
        await().atMost(DRAIN_TIMEOUT).pollDelay(Duration.ZERO).until(() -> {
            drain.drainAll();
            return drain.waiting() == 0;
        });
    }

    /** Logs the figures per cycle and in total, and asserts that nothing was lost, duplicated or reordered. */
    void check(int lives, String what, Duration took) {
        SoakAudit audit = SoakAudit.of(ledger, lives);
        SoakFigures total = audit.total();
        LOG.info("{} figures per cycle; a figure counts in the cycle its send was attempted or its message "
                + "received; redeliveries as all/with JMSRedelivered:\n{}", name, audit.table());
        LOG.info("{}: {} in {} s (seed {}): {}", name, what, took.toSeconds(), seed, total.summary());
        audit.examples().forEach(example -> LOG.warn("{} (seed {}): {}", name, seed, example));

        String cases = "seed " + seed + ", first cases " + audit.examples();
        assertThat(total.stored).as("messages stored").isPositive();
        assertThat(total.lost).as("stored messages never received; %s", cases).isZero();
        assertThat(total.duplicatedAfterCommit).as("messages received after their commit or acknowledge; %s", cases)
                .isZero();
        assertThat(total.outOfOrder).as("receipts out of each producer's order; %s", cases).isZero();
        assertThat(total.unexpected).as("receipts of messages never sent there; %s", cases).isZero();
    }
}
