package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.MutableClock;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * Retention and replay through the JMS API: {@code consumer.replayFrom} on a topic's name starts a new
 * subscription with what the topic retains, and a durable subscription re-attached with it is refilled.
 */
@Timeout(60)
class RetentionReplayTest {

    /**
     * A minute ahead: over tcp:// the client stamps JMSDeliveryTime with the system clock, which must not be
     * ahead of the broker's. Messages are published without JMSTimestamp, so the broker's time is theirs.
     */
    private final MutableClock clock = MutableClock.startingAt(Instant.now().plusSeconds(60));
    private TestBroker broker;
    private Connection connection;
    private Session session;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        broker = new TestBroker(transport, "", clock);
        broker.broker().setPolicy("news.>", "retentionMillis", "3600000");
        connection = broker.connection();
        connection.setClientID("reader");
        connection.start();
        session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    /** Publishes bodies without JMSTimestamp, so the broker stamps each with its (moved) clock; returns the IDs. */
    private List<String> publish(String topic, String... bodies) throws JMSException {
        MessageProducer producer = session.createProducer(session.createTopic(topic));
        producer.setDisableMessageTimestamp(true);
        List<String> ids = new ArrayList<>();
        for (String body : bodies) {
            TextMessage message = session.createTextMessage(body);
            message.setStringProperty("kind", body.startsWith("x") ? "x" : "plain");
            producer.send(message);
            ids.add(message.getJMSMessageID());
        }
        producer.close();
        return ids;
    }

    private static List<String> receive(MessageConsumer consumer, int count) throws JMSException {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = consumer.receive(5_000);
            assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
            bodies.add(((TextMessage) message).getText());
        }
        return bodies;
    }

    @TransportTest
    void aSubscriptionReplayingFromTheBeginningGetsWhatNobodyReadThenLiveMessages() throws JMSException {
        publish("news.eu", "m1", "m2", "m3");
        assertThat(broker.broker().retainedCount("news.eu")).hasValue(3);

        MessageConsumer replaying = session.createConsumer(session.createTopic("news.eu?consumer.replayFrom=beginning"));
        MessageConsumer live = session.createConsumer(session.createTopic("news.eu"));
        publish("news.eu", "m4");

        assertThat(receive(replaying, 4)).containsExactly("m1", "m2", "m3", "m4");
        assertThat(receive(live, 1)).containsExactly("m4");
        assertThat(replaying.receive(200)).isNull();
    }

    @TransportTest
    void aSubscriptionCreatedWhilePublishingGetsEveryMessageOnceInOrder() throws Exception {
        int count = 1_000;
        java.util.concurrent.CountDownLatch halfway = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Void> publishing = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try (Session publisherSession = connection.createSession(Session.AUTO_ACKNOWLEDGE)) {
                MessageProducer producer = publisherSession.createProducer(publisherSession.createTopic("news.eu"));
                for (int i = 0; i < count; i++) {
                    producer.send(publisherSession.createTextMessage("m" + i));
                    if (i == count / 2) {
                        halfway.countDown();
                    }
                }
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(halfway.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        MessageConsumer consumer = session.createConsumer(session.createTopic("news.eu?consumer.replayFrom=beginning"));
        publishing.get(30, java.util.concurrent.TimeUnit.SECONDS);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add("m" + i);
        }
        assertThat(receive(consumer, count)).containsExactlyElementsOf(expected);
        assertThat(consumer.receive(200)).isNull();
    }

    @TransportTest
    void aReplayFromATimestampKeepsTheSelector() throws JMSException {
        publish("news.eu", "m1", "x1");
        clock.advance(Duration.ofMinutes(10));
        Instant later = clock.instant();
        publish("news.eu", "m2", "x2", "m3");

        MessageConsumer consumer = session.createConsumer(
                session.createTopic("news.eu?consumer.replayFrom=" + later), "kind = 'plain'");

        assertThat(receive(consumer, 2)).containsExactly("m2", "m3");
        assertThat(consumer.receive(200)).isNull();
    }

    @TransportTest
    void theSweepForgetsMessagesOlderThanRetentionMillis() throws JMSException {
        publish("news.eu", "old");
        clock.advance(Duration.ofMinutes(50));
        publish("news.eu", "young");
        clock.advance(Duration.ofMinutes(15));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> broker.broker().retainedCount("news.eu").orElseThrow() == 1);
        MessageConsumer consumer = session.createConsumer(session.createTopic("news.eu?consumer.replayFrom=beginning"));
        assertThat(receive(consumer, 1)).containsExactly("young");
    }

    @TransportTest
    void aDurableSubscriptionReattachedWithAReplayFromAMessageIdGetsItAgain() throws JMSException {
        Topic news = session.createTopic("news.eu");
        MessageConsumer subscriber = session.createDurableConsumer(news, "audit");
        List<String> ids = publish("news.eu", "m1", "m2", "m3");
        assertThat(receive(subscriber, 3)).containsExactly("m1", "m2", "m3");
        subscriber.close();
        publish("news.eu", "m4");

        MessageConsumer recovered = session.createDurableConsumer(
                session.createTopic("news.eu?consumer.replayFrom=" + ids.get(1)), "audit");

        assertThat(receive(recovered, 3)).containsExactly("m2", "m3", "m4");
        assertThat(recovered.receive(200)).as("replaced, not appended: m4 comes once").isNull();
        recovered.close();
        MessageConsumer again = session.createDurableConsumer(news, "audit");
        assertThat(again.receive(200)).as("re-attached without replay: nothing new").isNull();
    }

    @TransportTest
    void aReplayFromAMessageTheTopicDoesNotRetainFails() throws JMSException {
        publish("news.eu", "m1");
        Topic unknown = session.createTopic("news.eu?consumer.replayFrom=ID:nobody-1");

        assertThatThrownBy(() -> session.createConsumer(unknown))
                .isInstanceOf(JMSException.class).hasMessageContaining("ID:nobody-1");
    }

    @TransportTest
    void aTopicWithoutRetentionRefusesReplayNamingThePolicy() throws JMSException {
        Topic plain = session.createTopic("sports?consumer.replayFrom=beginning");

        assertThatThrownBy(() -> session.createConsumer(plain))
                .isInstanceOf(JMSException.class).hasMessageContaining("retentionMillis");
    }
}
