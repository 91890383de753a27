package dev.tern.jms.crash.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tern.broker.store.PostgresTestServer;
import dev.tern.jms.TernConnectionFactory;
import dev.tern.jms.TernProperties;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client on {@code failover:(live,backup)?jms.autoDuplicateId=true} keeps sending through the SIGKILL of the
 * live broker of a shared PostgreSQL store: its sends wait while the backup takes over, the one in flight at the
 * kill goes again on the new link, and the queue ends up with every message exactly once.
 */
class FailoverToBackupTest {

    private static final int MESSAGES = 1500;
    private static final int KILL_AFTER = 500;
    private static final Duration LEASE = Duration.ofSeconds(2);

    private final int[] ports = {ChildBroker.freePort(), ChildBroker.freePort()};
    private final List<ChildBroker> brokers = new ArrayList<>();

    @AfterEach
    void killBrokers() {
        brokers.forEach(ChildBroker::close);
    }

    @Test
    void sendsGoOnThroughATakeoverAndTheSendInFlightIsStoredOnce() {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            String store = PostgresTestServer.newDatabase();
            ChildBroker live = start(store, ports[0]);
            live.awaitServing(Duration.ofSeconds(60));
            ChildBroker backup = start(store, ports[1]);
            String failover = "failover:(tcp://127.0.0.1:" + ports[0] + ",tcp://127.0.0.1:" + ports[1]
                    + ")?jms.autoDuplicateId=true&failover.initialReconnectDelay=50&failover.maxReconnectDelay=200";

            AtomicInteger sent = new AtomicInteger();
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(failover, sent));
            while (sent.get() < KILL_AFTER && !producing.isDone()) {
                Thread.onSpinWait();
            }
            live.kill();
            backup.awaitServing(Duration.ofSeconds(60));
            producing.get();

            List<Integer> received = drain(failover);
            assertThat(received).hasSize(MESSAGES).doesNotHaveDuplicates();
            assertThat(received).isSorted();
        });
    }

    private void produce(String url, AtomicInteger sent) {
        try (Connection connection = new TernConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("ha.orders"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < MESSAGES; i++) {
                Message message = session.createTextMessage("order " + i);
                message.setIntProperty("seq", i);
                producer.send(message); // no retry here: every send must succeed, through the takeover
                sent.incrementAndGet();
            }
        } catch (Exception e) {
            throw new IllegalStateException("send " + sent.get() + " failed", e);
        }
    }

    private static List<Integer> drain(String url) throws Exception {
        List<Integer> received = new ArrayList<>();
        try (Connection connection = new TernConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            Queue queue = session.createQueue("ha.orders");
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            Message message;
            while ((message = consumer.receive(2000)) != null) {
                assertThat(message.getStringProperty(TernProperties.DUPLICATE_ID)).startsWith("ID:");
                received.add(message.getIntProperty("seq"));
            }
            session.commit();
        }
        return received;
    }

    private ChildBroker start(String store, int port) {
        ChildBroker broker = ChildBroker.startOnSharedStore(store, port, LEASE);
        brokers.add(broker);
        return broker;
    }
}
