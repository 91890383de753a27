package dev.tern.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Anonymous producers, no-local subscribers, temporary topics, delivery delay and pre-settled sends. */
class AmqpProducerTest extends AmqpBrokerSupport {

    @BeforeEach
    void start() {
        startBroker();
    }

    @Test
    void anAnonymousProducerSendsToEachMessagesOwnDestination() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("relay-queue");
            Topic topic = session.createTopic("relay-topic");
            MessageConsumer subscriber = session.createConsumer(topic);
            MessageProducer anonymous = session.createProducer(null);
            anonymous.send(queue, session.createTextMessage("to the queue"));
            anonymous.send(topic, session.createTextMessage("to the topic"));
            assertThat(((TextMessage) subscriber.receive(5_000)).getText()).isEqualTo("to the topic");
            assertThat(((TextMessage) session.createConsumer(queue).receive(5_000)).getText()).isEqualTo("to the queue");
        }
    }

    @Test
    void aNoLocalSubscriberDoesNotGetItsOwnConnectionsMessages() throws Exception {
        try (Connection mine = qpid().createConnection(); Connection other = qpid().createConnection()) {
            mine.start();
            Session session = mine.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("chatter");
            MessageConsumer noLocal = session.createConsumer(topic, null, true);
            session.createProducer(topic).send(session.createTextMessage("mine"));
            Session otherSession = other.createSession(false, Session.AUTO_ACKNOWLEDGE);
            otherSession.createProducer(otherSession.createTopic("chatter")).send(otherSession.createTextMessage("theirs"));
            assertThat(((TextMessage) noLocal.receive(5_000)).getText()).isEqualTo("theirs");
            assertThat(noLocal.receive(200)).isNull();
        }
    }

    @Test
    void aTemporaryTopicReachesItsSubscribers() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryTopic topic = session.createTemporaryTopic();
            MessageConsumer subscriber = session.createConsumer(topic);
            session.createProducer(topic).send(session.createTextMessage("ephemeral"));
            assertThat(((TextMessage) subscriber.receive(5_000)).getText()).isEqualTo("ephemeral");
            subscriber.close();
            topic.delete();
        }
    }

    @Test
    void aDelayedMessageArrivesAfterItsDelay() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("delayed");
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryDelay(1_000);
            long sent = System.currentTimeMillis();
            producer.send(session.createTextMessage("later"));
            TextMessage received = (TextMessage) session.createConsumer(queue).receive(10_000);
            assertThat(received.getText()).isEqualTo("later");
            assertThat(System.currentTimeMillis() - sent).isGreaterThanOrEqualTo(900);
        }
    }

    @Test
    void presettledSendsAndConsumersDeliverAtMostOnce() throws Exception {
        try (Connection connection = qpid("jms.presettlePolicy.presettleAll=true").createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("fast");
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            for (int i = 0; i < 50; i++) {
                producer.send(session.createTextMessage("m" + i));
            }
            MessageConsumer consumer = session.createConsumer(queue);
            for (int i = 0; i < 50; i++) {
                assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("m" + i);
            }
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> broker.messageCount("fast").orElse(0) == 0);
    }
}
