package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ConnectionLifecycleTest {

    private static Set<Thread> listenerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> (t.getName().startsWith("tern-listener-") || t.getName().startsWith("tern-tcp-client-")) && t.isAlive())
                .collect(Collectors.toSet());
    }

    /**
     * DESIGN.md / TernConnection javadoc: "Connection.close() ... leaves no thread behind." After the broker
     * went away, onConnectionLost marks the connection closed, so the user's close() returns early and never
     * shuts the listener pool down.
     */
    @TransportTest
    void closeAfterTheBrokerWentAwayStillStopsListenerThreads(Transport transport) throws Exception {
        TestBroker broker = new TestBroker(transport);
        Set<Thread> before = listenerThreads();
        Connection connection = broker.factory.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("q");
        CountDownLatch got = new CountDownLatch(1);
        session.createConsumer(queue).setMessageListener(m -> got.countDown());
        connection.start();
        session.createProducer(queue).send(session.createTextMessage("x"));
        assertThat(got.await(5, TimeUnit.SECONDS)).isTrue();

        broker.stopBroker();
        connection.close();

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            Set<Thread> now = listenerThreads();
            now.removeAll(before);
            assertThat(now).isEmpty();
        });
    }

    /**
     * Connection.createSession(boolean, int): when transacted is false the acknowledge mode must be
     * AUTO_ACKNOWLEDGE, CLIENT_ACKNOWLEDGE or DUPS_OK_ACKNOWLEDGE. Tern accepts SESSION_TRANSACTED (0) and
     * silently creates a transacted session, whose sends then vanish unless committed.
     */
    @TransportTest
    void nonTransactedSessionWithSessionTransactedModeIsRefused(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport)) {
            Connection connection = broker.keepAlive;
            Session session;
            try {
                session = connection.createSession(false, Session.SESSION_TRANSACTED);
            } catch (JMSException refused) {
                return;
            }
            assertThat(session.getTransacted()).as("transacted=false gave a transacted session").isFalse();
        }
    }
}
