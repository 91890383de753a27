package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.MutableClock;
import dev.tern.jms.TernConnection;
import dev.tern.protocol.QueueStatistics;
import dev.tern.protocol.TernProperties;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * Redelivery delay with backoff, the delivery limit and the dead-letter queue, and the expiry queue,
 * against a broker whose clock the test moves.
 */
@Timeout(60)
class RedeliveryTest {

    /** How long a check that nothing arrives waits. */
    private static final long NOTHING_MILLIS = 200;
    private static final long ARRIVES_MILLIS = 5_000;

    /**
     * A minute ahead of the system clock: a tcp:// client stamps delivery times and expirations with its
     * own clock, and they must not lie in the broker's future.
     */
    private final MutableClock clock = MutableClock.startingAt(Instant.now().plusSeconds(60));
    private TestBroker broker;
    private Connection connection;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        broker = new TestBroker(transport, "", clock);
        connection = broker.startedConnection();
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    private void send(String queueName, String... texts) throws JMSException {
        try (Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(queueName));
            for (String text : texts) {
                producer.send(session.createTextMessage(text));
            }
        }
    }

    private static String text(Message message) throws JMSException {
        return message == null ? null : ((TextMessage) message).getText();
    }

    @TransportTest
    void aRolledBackMessageWaitsItsDelayWhileTheMessagesBehindItAreDelivered() throws Exception {
        broker.broker().setPolicy("slow", "redeliveryDelayMillis", "60000");
        send("slow", "first", "second");
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(session.createQueue("slow"));

        assertThat(text(consumer.receive(ARRIVES_MILLIS))).isEqualTo("first");
        session.rollback();
        assertThat(text(consumer.receive(ARRIVES_MILLIS))).isEqualTo("second");
        session.commit();
        assertThat(consumer.receive(NOTHING_MILLIS)).isNull();

        clock.advance(Duration.ofSeconds(60));
        Message again = consumer.receive(ARRIVES_MILLIS);
        assertThat(text(again)).isEqualTo("first");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        session.commit();
    }

    @TransportTest
    void theDelayGrowsByTheMultiplierWithEachRecover() throws Exception {
        broker.broker().setPolicy("backoff", "redeliveryDelayMillis", "1000");
        broker.broker().setPolicy("backoff", "redeliveryMultiplier", "2");
        send("backoff", "m");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue("backoff"));

        assertThat(text(consumer.receive(ARRIVES_MILLIS))).isEqualTo("m");
        session.recover();
        clock.advance(Duration.ofMillis(999));
        assertThat(consumer.receive(NOTHING_MILLIS)).isNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(text(consumer.receive(ARRIVES_MILLIS))).isEqualTo("m");

        session.recover();
        clock.advance(Duration.ofMillis(1999));
        assertThat(consumer.receive(NOTHING_MILLIS)).isNull();
        clock.advance(Duration.ofMillis(1));
        Message third = consumer.receive(ARRIVES_MILLIS);
        assertThat(third.getIntProperty("JMSXDeliveryCount")).isEqualTo(3);
        third.acknowledge();
    }

    @TransportTest
    void aPoisonMessageEndsInTheDeadLetterQueueWithItsOriginAndTheQueueBehindItFlows() throws Exception {
        broker.broker().setPolicy("work", "maxDeliveryAttempts", "3");
        try (Session sending = connection.createSession(Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = sending.createProducer(sending.createQueue("work"));
            TextMessage poison = sending.createTextMessage("poison");
            poison.setStringProperty("kind", "bad");
            producer.send(poison);
            producer.send(sending.createTextMessage("good"));
        }
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(session.createQueue("work"));
        List<String> committed = new ArrayList<>();
        Message message;
        while ((message = consumer.receive(NOTHING_MILLIS * 2)) != null) {
            if (text(message).equals("poison")) {
                session.rollback();
            } else {
                committed.add(text(message));
                session.commit();
            }
        }
        assertThat(committed).containsExactly("good");

        Queue dlq = session.createQueue("DLQ");
        MessageConsumer dead = session.createConsumer(dlq);
        Message deadLetter = dead.receive(ARRIVES_MILLIS);
        assertThat(text(deadLetter)).isEqualTo("poison");
        assertThat(deadLetter.getStringProperty("kind")).isEqualTo("bad");
        assertThat(deadLetter.getStringProperty(TernProperties.ORIG_DESTINATION)).isEqualTo("queue://work");
        assertThat(deadLetter.getStringProperty(TernProperties.DLQ_REASON)).contains("delivered 3 times");
        assertThat(deadLetter.getJMSDestination()).isEqualTo(dlq);
        session.commit();
        assertThat(broker.messageCount("work")).isZero();
        QueueStatistics work = statistics("work");
        assertThat(work.deadLetteredCount()).isEqualTo(1);
        assertThat(work.dequeuedCount()).isEqualTo(2);
    }

    private QueueStatistics statistics(String queue) throws JMSException {
        return ((TernConnection) connection).queueStatistics().stream().filter(q -> q.name().equals(queue))
                .findFirst().orElseThrow();
    }

    @TransportTest
    void deadLettersOfATopicSubscriptionNameTheTopicAndTheSubscriptionQueue() throws Exception {
        broker.broker().setPolicy("news", "maxDeliveryAttempts", "1");
        broker.broker().setPolicy("news", "deadLetterQueue", "news.DLQ");
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageConsumer subscriber = session.createSharedDurableConsumer(session.createTopic("news"), "reader");
        try (Session sending = connection.createSession(Session.AUTO_ACKNOWLEDGE)) {
            sending.createProducer(sending.createTopic("news")).send(sending.createTextMessage("headline"));
        }
        assertThat(text(subscriber.receive(ARRIVES_MILLIS))).isEqualTo("headline");
        session.rollback();

        Message deadLetter = session.createConsumer(session.createQueue("news.DLQ")).receive(ARRIVES_MILLIS);
        assertThat(deadLetter.getStringProperty(TernProperties.ORIG_DESTINATION)).isEqualTo("topic://news");
        assertThat(deadLetter.getStringProperty(TernProperties.ORIG_QUEUE)).isNotBlank();
        session.commit();
        subscriber.close();
        session.unsubscribe("reader");
    }

    @TransportTest
    void anExpiredMessageGoesToTheExpiryQueueAndNeverToAConsumer() throws Exception {
        try (Session sending = connection.createSession(Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = sending.createProducer(sending.createQueue("perishable"));
            producer.setTimeToLive(600_000);
            producer.send(sending.createTextMessage("milk"));
        }
        clock.advance(Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.messageCount("ExpiryQueue") == 1);

        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        assertThat(session.createConsumer(session.createQueue("perishable")).receive(NOTHING_MILLIS)).isNull();
        Message expired = session.createConsumer(session.createQueue("ExpiryQueue")).receive(ARRIVES_MILLIS);
        assertThat(text(expired)).isEqualTo("milk");
        assertThat(expired.getJMSExpiration()).isZero();
        assertThat(expired.getLongProperty(TernProperties.ORIG_EXPIRATION)).isPositive();
        assertThat(statistics("perishable").expiredCount()).isEqualTo(1);
        assertThat(statistics("perishable").deadLetteredCount()).isZero();
    }

    @TransportTest
    void anExpiryQueueSetToNothingDropsExpiredMessages() throws Exception {
        broker.broker().setPolicy("perishable", "expiryQueue", "");
        try (Session sending = connection.createSession(Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = sending.createProducer(sending.createQueue("perishable"));
            producer.setTimeToLive(600_000);
            producer.send(sending.createTextMessage("milk"));
        }
        clock.advance(Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.messageCount("perishable") == 0);
        assertThat(broker.broker().messageCount("ExpiryQueue")).isEmpty();
    }

    @TransportTest
    void retriedDeadLettersReturnToTheirQueueWithoutTheBrokersPropertiesAndAFreshCount() throws Exception {
        broker.broker().setPolicy("work", "maxDeliveryAttempts", "1");
        send("work", "retry me");
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        try (MessageConsumer consumer = session.createConsumer(session.createQueue("work"))) {
            assertThat(consumer.receive(ARRIVES_MILLIS)).isNotNull();
            session.rollback();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.messageCount("DLQ") == 1);

        TernConnection tern = (TernConnection) connection;
        assertThat(tern.retryDeadLetters("DLQ", "_TERN_ORIG_QUEUE = 'elsewhere'")).isZero();
        assertThat(tern.retryDeadLetters("DLQ", null)).isEqualTo(1);

        assertThat(broker.messageCount("DLQ")).isZero();
        try (MessageConsumer consumer = session.createConsumer(session.createQueue("work"))) {
            Message back = consumer.receive(ARRIVES_MILLIS);
            assertThat(text(back)).isEqualTo("retry me");
            assertThat(back.getJMSRedelivered()).isFalse();
            assertThat(back.propertyExists(TernProperties.DLQ_REASON)).isFalse();
            assertThat(back.propertyExists(TernProperties.ORIG_DESTINATION)).isFalse();
            session.commit();
        }
    }

    @TransportTest
    void aClientCannotForgeWhereADeadLetterCameFrom() throws Exception {
        broker.broker().setPolicy("work", "maxDeliveryAttempts", "1");
        Session sending = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Message forged = sending.createTextMessage("forged");
        forged.setStringProperty(TernProperties.ORIG_QUEUE, "payroll");
        forged.setStringProperty(TernProperties.ORIG_DESTINATION, "queue://payroll");
        forged.setBooleanProperty(TernProperties.STOP, false);
        sending.createProducer(sending.createQueue("DLQ")).send(forged);
        Message planted = sending.createTextMessage("planted");
        planted.setStringProperty(TernProperties.ORIG_QUEUE, "payroll");
        sending.createProducer(sending.createQueue("work")).send(planted);
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        try (MessageConsumer consumer = session.createConsumer(session.createQueue("work"))) {
            assertThat(consumer.receive(ARRIVES_MILLIS)).isNotNull();
            session.rollback();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.messageCount("DLQ") == 2);

        TernConnection tern = (TernConnection) connection;
        assertThat(tern.retryDeadLetters("DLQ", null)).as("only the real dead letter goes back, to work").isEqualTo(1);
        assertThat(broker.broker().messageCount("payroll")).isEmpty();
        assertThat(broker.messageCount("work")).isEqualTo(1);
        try (MessageConsumer consumer = session.createConsumer(session.createQueue("DLQ"))) {
            Message stayed = consumer.receive(ARRIVES_MILLIS);
            assertThat(text(stayed)).isEqualTo("forged");
            assertThat(stayed.propertyExists(TernProperties.ORIG_QUEUE)).isFalse();
            assertThat(stayed.propertyExists(TernProperties.STOP)).as("the one a client may set").isTrue();
            session.commit();
        }
    }

    @TransportTest
    void retryingFromAQueueThatDoesNotExistFailsClearly() throws Exception {
        TernConnection tern = (TernConnection) connection;
        assertThatThrownBy(() -> tern.retryDeadLetters("NoSuchDLQ", null))
                .isInstanceOf(jakarta.jms.InvalidDestinationException.class).hasMessageContaining("NoSuchDLQ");
    }
}
