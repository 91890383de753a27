package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.MutableClock;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * A delivery left unacknowledged past its queue's visibility timeout goes to another consumer, marked
 * redelivered and counted once, while the first consumer stays connected; the first consumer's late
 * acknowledgment succeeds but does not remove the copy delivered since, and a copy that timed out in its
 * client's buffer is not handed to its application.
 */
@Timeout(60)
class VisibilityTimeoutTest {

    private static final long NOTHING_MILLIS = 200;
    private static final long ARRIVES_MILLIS = 5_000;
    private static final Duration VISIBILITY = Duration.ofMillis(1_500);

    private final MutableClock clock = MutableClock.startingAt(Instant.now().plusSeconds(60));
    private TestBroker broker;
    private Connection slowConnection;
    private Connection otherConnection;
    /**
     * With {@code jms.prefetch=1}. Tests put both consumers on it, in two sessions, so that one connection
     * orders their commands and the broker's events to them.
     */
    private Connection prefetchOneConnection;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        broker = new TestBroker(transport, "", clock);
        slowConnection = broker.startedConnection();
        otherConnection = broker.startedConnection();
        prefetchOneConnection = new TernConnectionFactory(broker.url("jms.prefetch=1")).createConnection();
        prefetchOneConnection.start();
    }

    @AfterEach
    void stop() throws JMSException {
        slowConnection.close();
        otherConnection.close();
        prefetchOneConnection.close();
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

    @TransportTest
    void aTimedOutDeliveryGoesToTheOtherConsumerAfterOneTimeoutCountedOnce() throws Exception {
        broker.broker().setPolicy("jobs", "visibilityTimeoutMillis", "1500");
        Session slow = prefetchOneConnection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue jobs = slow.createQueue("jobs");
        Message first = receivedByTheFirstConsumer(slow, jobs);
        MessageConsumer idle = prefetchOneConnection.createSession(Session.CLIENT_ACKNOWLEDGE).createConsumer(jobs);

        clock.advance(VISIBILITY);
        Message second = idle.receive(ARRIVES_MILLIS);
        assertThat(second).as("the idle consumer has the message after one timeout").isNotNull();
        assertThat(second.getJMSRedelivered()).isTrue();
        assertThat(second.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);

        first.acknowledge(); // late: harmless
        second.acknowledge();
        assertThat(broker.messageCount("jobs")).isZero();
        assertThat(broker.messageCount("DLQ")).isZero();
    }

    @TransportTest
    void withTwoDeliveryAttemptsAMessageTheApplicationSawOnceGoesOnAndOnlyASecondTimeoutDeadLettersIt()
            throws Exception {
        broker.broker().setPolicy("jobs", "visibilityTimeoutMillis", "1500");
        broker.broker().setPolicy("jobs", "maxDeliveryAttempts", "2");
        Session slow = prefetchOneConnection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue jobs = slow.createQueue("jobs");
        receivedByTheFirstConsumer(slow, jobs);
        MessageConsumer idle = prefetchOneConnection.createSession(Session.CLIENT_ACKNOWLEDGE).createConsumer(jobs);

        clock.advance(VISIBILITY);
        Message second = idle.receive(ARRIVES_MILLIS);
        assertThat(second).as("not dead-lettered after one timeout: the application saw it once").isNotNull();
        assertThat(second.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        assertThat(broker.messageCount("DLQ")).isZero();

        clock.advance(VISIBILITY); // the second consumer's application saw it too and did not acknowledge it
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.messageCount("DLQ") == 1);
        assertThat(broker.messageCount("jobs")).isZero();
    }

    @TransportTest
    void aCopyThatTimedOutInTheClientsBufferIsNotHandedToItsApplication() throws Exception {
        broker.broker().setPolicy("jobs", "visibilityTimeoutMillis", "1500");
        Session idle = prefetchOneConnection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue jobs = idle.createQueue("jobs");
        MessageConsumer idleConsumer = idle.createConsumer(jobs);
        idle.createProducer(jobs).send(idle.createTextMessage("job")); // into the idle consumer's buffer
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.messageCount("jobs") == 0);
        Session other = prefetchOneConnection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer otherConsumer = other.createConsumer(jobs);

        clock.advance(VISIBILITY);
        Message moved = otherConsumer.receive(ARRIVES_MILLIS);
        assertThat(((TextMessage) moved).getText()).isEqualTo("job");
        assertThat(moved.getIntProperty("JMSXDeliveryCount")).as("a timeout counts, seen or not").isEqualTo(2);
        moved.acknowledge();
        assertThat(idleConsumer.receive(NOTHING_MILLIS)).as("the stale copy is dropped").isNull();

        other.close();
        idle.createProducer(jobs).send(idle.createTextMessage("next"));
        Message next = idleConsumer.receive(ARRIVES_MILLIS);
        assertThat(next).as("the dropped copy gave its credit back").isNotNull();
        assertThat(((TextMessage) next).getText()).isEqualTo("next");
    }

    @TransportTest
    void aListenerIsNotCalledWithACopyThatTimedOutInItsBuffer() throws Exception {
        broker.broker().setPolicy("jobs", "visibilityTimeoutMillis", "1500");
        Session sending = prefetchOneConnection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue jobs = sending.createQueue("jobs");
        List<String> heard = new CopyOnWriteArrayList<>();
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MessageConsumer listening = prefetchOneConnection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(jobs);
        listening.setMessageListener(message -> {
            heard.add(text(message));
            busy.countDown();
            holdUntil(release);
        });
        try {
            sending.createProducer(jobs).send(sending.createTextMessage("job1"));
            sending.createProducer(jobs).send(sending.createTextMessage("job2")); // buffered: the listener is busy
            assertThat(busy.await(ARRIVES_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> broker.messageCount("jobs") == 0);
            Session other = prefetchOneConnection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer otherConsumer = other.createConsumer(jobs);

            clock.advance(VISIBILITY);
            Message first = otherConsumer.receive(ARRIVES_MILLIS);
            Message second = otherConsumer.receive(ARRIVES_MILLIS);
            assertThat(List.of(text(first), text(second))).containsExactly("job1", "job2");
            second.acknowledge();
            other.close();
        } finally {
            release.countDown();
        }
        sending.createProducer(jobs).send(sending.createTextMessage("job3"));
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() >= 2);
        assertThat(heard).containsExactly("job1", "job3");
    }

    @TransportTest
    void withNoOtherConsumerTheTimedOutDeliveryComesBackToTheSameOne() throws Exception {
        broker.broker().setPolicy("jobs", "visibilityTimeoutMillis", "1500");
        Session session = prefetchOneConnection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue jobs = session.createQueue("jobs");
        session.createProducer(jobs).send(session.createTextMessage("job"));
        MessageConsumer consumer = session.createConsumer(jobs);
        assertThat(consumer.receive(ARRIVES_MILLIS)).isNotNull();

        clock.advance(VISIBILITY);
        Message again = consumer.receive(ARRIVES_MILLIS);
        assertThat(again).isNotNull();
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
    }

    private static String text(Message message) {
        try {
            return message == null ? null : ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Holds a listener until the test lets it go, for at most half the test's time. */
    private static void holdUntil(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends a job and receives it, unacknowledged, with a consumer alone on the queue: its client gives
     * the credit back as the application takes the message, and a consumer created next on the same
     * connection is created after the broker has that credit.
     */
    private static Message receivedByTheFirstConsumer(Session session, Queue jobs) throws JMSException {
        session.createProducer(jobs).send(session.createTextMessage("job"));
        Message first = session.createConsumer(jobs).receive(ARRIVES_MILLIS);
        assertThat(first.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        return first;
    }
}
