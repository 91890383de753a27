package dev.tern.broker.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.store.PostgresSettings;
import dev.tern.broker.store.PostgresTestServer;
import dev.tern.broker.store.StoreException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Brokers on one PostgreSQL store: exactly one is live, and a live one cut off from the database stops in time. */
class SharedStoreBrokerTest {

    private static final Duration LEASE = Duration.ofSeconds(1);

    private final String url = PostgresTestServer.newDatabase();
    private final List<Broker> brokers = new ArrayList<>();

    @AfterEach
    void stopBrokers() {
        brokers.forEach(Broker::close);
    }

    @Test
    void aLiveBrokerCutOffFromItsDatabaseStopsServingWithinItsLease() throws Exception {
        URI database = URI.create(url.substring("jdbc:".length()));
        try (FreezableProxy network = new FreezableProxy(database.getHost(), database.getPort())) {
            String throughProxy = url.replace(":" + database.getPort() + "/", ":" + network.port() + "/");
            Broker broker = start("cut-off", PostgresSettings.of(throughProxy, null, null).withLeaseTime(LEASE));
            int port = broker.tcpPort();
            assertThat(canConnect(port)).isTrue();

            long frozen = System.nanoTime();
            network.freeze();
            broker.whenStopped().get(LEASE.toMillis() + 2000, TimeUnit.MILLISECONDS);

            // Its last renewal began up to a third of the lease (and a slow renewal) before the freeze, and it stops a
            // tenth of the lease early: so at least about half the lease after the freeze, and not at once.
            assertThat(Duration.ofNanos(System.nanoTime() - frozen)).as("stopped as its lease ran out, not at once")
                    .isGreaterThanOrEqualTo(LEASE.dividedBy(4)).isLessThan(LEASE.plusSeconds(2));
            assertThat(broker.isClosed()).isTrue();
            assertThat(canConnect(port)).as("its port is closed").isFalse();
        }
    }

    @Test
    void ofBrokersStartedAtOnceExactlyOneIsLiveAndTheRestAreRefused() throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Broker>> attempts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String name = "racer-" + i;
                attempts.add(starters.submit(() -> {
                    go.await();
                    return start(name, PostgresSettings.of(url, null, null));
                }));
            }
            go.countDown();
            int live = 0;
            for (Future<Broker> attempt : attempts) {
                try {
                    attempt.get(30, TimeUnit.SECONDS);
                    live++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(StoreException.class).hasMessageContaining("in use by the live broker");
                }
            }
            assertThat(live).isEqualTo(1);
        } finally {
            starters.shutdownNow();
        }
    }

    @Test
    void aBrokerOnAnUnreachableDatabaseFailsToStartNamingIt() {
        assertThatThrownBy(() -> start("nowhere", PostgresSettings.of("jdbc:postgresql://127.0.0.1:1/tern", null, null)))
                .isInstanceOf(StoreException.class).hasMessageContaining("jdbc:postgresql://127.0.0.1:1/tern");
    }

    private Broker start(String name, PostgresSettings settings) {
        Broker broker = Broker.start(BrokerConfig.named(name).withTcpPort(0).withPostgres(settings));
        synchronized (brokers) {
            brokers.add(broker);
        }
        return broker;
    }

    private static boolean canConnect(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
