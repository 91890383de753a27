package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.MutableClock;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * A delivery left unacknowledged past its queue's visibility timeout goes to another consumer, marked
 * redelivered, while the first consumer stays connected; the first consumer's late acknowledgment
 * succeeds but does not remove the copy delivered since.
 */
@Timeout(60)
class VisibilityTimeoutTest {

    private static final long NOTHING_MILLIS = 200;
    private static final long ARRIVES_MILLIS = 5_000;

    private final MutableClock clock = MutableClock.startingAt(Instant.now().plusSeconds(60));
    private TestBroker broker;
    private Connection slowConnection;
    private Connection otherConnection;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        broker = new TestBroker(transport, "", clock);
        slowConnection = broker.startedConnection();
        otherConnection = broker.startedConnection();
    }

    @AfterEach
    void stop() throws JMSException {
        slowConnection.close();
        otherConnection.close();
        broker.close();
    }

    @TransportTest
    void anUnacknowledgedDeliveryGoesToAnotherConsumerAfterTheTimeoutAndTheLateAckLeavesItThere() throws Exception {
        broker.broker().setPolicy("jobs", "visibilityTimeoutMillis", "30000");
        Session slow = slowConnection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue jobs = slow.createQueue("jobs");
        slow.createProducer(jobs).send(slow.createTextMessage("job"));
        MessageConsumer slowConsumer = slow.createConsumer(jobs);
        Message first = slowConsumer.receive(ARRIVES_MILLIS);
        assertThat(((TextMessage) first).getText()).isEqualTo("job");
        slowConsumer.close(); // the session keeps the delivery, unacknowledged

        Session other = otherConnection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer otherConsumer = other.createConsumer(jobs);
        clock.advance(Duration.ofSeconds(29));
        assertThat(otherConsumer.receive(NOTHING_MILLIS)).isNull();

        clock.advance(Duration.ofSeconds(1));
        Message second = otherConsumer.receive(ARRIVES_MILLIS);
        assertThat(((TextMessage) second).getText()).isEqualTo("job");
        assertThat(second.getJMSRedelivered()).isTrue();
        assertThat(second.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);

        first.acknowledge();
        other.close(); // the second copy returns: the late acknowledgment did not take it
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.messageCount("jobs") == 1);
    }

    @TransportTest
    void anAcknowledgmentInTimeEndsTheWatch() throws Exception {
        broker.broker().setPolicy("jobs", "visibilityTimeoutMillis", "30000");
        Session session = slowConnection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue jobs = session.createQueue("jobs");
        session.createProducer(jobs).send(session.createTextMessage("job"));
        session.createConsumer(jobs).receive(ARRIVES_MILLIS).acknowledge();

        clock.advance(Duration.ofSeconds(31));
        MessageConsumer other = otherConnection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(jobs);
        assertThat(other.receive(NOTHING_MILLIS)).isNull();
        assertThat(broker.messageCount("jobs")).isZero();
    }

    @TransportTest
    void withoutAVisibilityTimeoutAnUnacknowledgedDeliveryStaysWithItsConsumer() throws Exception {
        Session session = slowConnection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue jobs = session.createQueue("jobs");
        session.createProducer(jobs).send(session.createTextMessage("job"));
        assertThat(session.createConsumer(jobs).receive(ARRIVES_MILLIS)).isNotNull();

        clock.advance(Duration.ofDays(1));
        MessageConsumer other = otherConnection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(jobs);
        assertThat(other.receive(NOTHING_MILLIS)).isNull();
    }
}
