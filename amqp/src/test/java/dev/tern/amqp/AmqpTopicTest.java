package dev.tern.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AmqpTopicTest extends AmqpBrokerSupport {

    @BeforeEach
    void start() {
        startBroker();
    }

    @Test
    void everySubscriberOfATopicGetsEachMessage() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("prices");
            MessageConsumer first = session.createConsumer(topic);
            MessageConsumer second = session.createConsumer(topic);
            session.createProducer(topic).send(session.createTextMessage("42"));
            assertThat(((TextMessage) first.receive(5_000)).getText()).isEqualTo("42");
            assertThat(((TextMessage) second.receive(5_000)).getText()).isEqualTo("42");
        }
    }

    @Test
    void aSelectorPicksTheMatchingMessagesOnly() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var queue = session.createQueue("selected");
            MessageProducer producer = session.createProducer(queue);
            for (int i = 0; i < 4; i++) {
                TextMessage message = session.createTextMessage("m" + i);
                message.setIntProperty("n", i);
                producer.send(message);
            }
            MessageConsumer odd = session.createConsumer(queue, "n = 1 OR n = 3");
            assertThat(((TextMessage) odd.receive(5_000)).getText()).isEqualTo("m1");
            assertThat(((TextMessage) odd.receive(5_000)).getText()).isEqualTo("m3");
            assertThat(odd.receive(200)).isNull();
        }
        assertThat(broker.messageCount("selected")).hasValue(2);
    }

    @Test
    void anInvalidSelectorIsAnInvalidSelectorException() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("q"), "n = = 1"))
                    .isInstanceOf(InvalidSelectorException.class);
        }
    }

    @Test
    void aDurableSubscriptionKeepsMessagesAcrossAReconnectUntilUnsubscribed() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            connection.setClientID("client-1");
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("news");
            session.createDurableSubscriber(topic, "sub").close();
            session.createProducer(topic).send(session.createTextMessage("while away"));
        }
        try (Connection connection = qpid().createConnection()) {
            connection.setClientID("client-1");
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("news");
            MessageConsumer subscriber = session.createDurableSubscriber(topic, "sub");
            assertThat(((TextMessage) subscriber.receive(5_000)).getText()).isEqualTo("while away");
            subscriber.close();
            session.unsubscribe("sub");
            session.createProducer(topic).send(session.createTextMessage("nobody listens"));
        }
        try (Connection connection = qpid().createConnection()) {
            connection.setClientID("client-1");
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer subscriber = session.createDurableSubscriber(session.createTopic("news"), "sub");
            assertThat(subscriber.receive(300)).isNull();
        }
    }

    @Test
    void aSharedSubscriptionSplitsMessagesBetweenItsConsumers() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("jobs");
            MessageConsumer first = session.createSharedConsumer(topic, "workers");
            MessageConsumer second = session.createSharedConsumer(topic, "workers");
            MessageProducer producer = session.createProducer(topic);
            for (int i = 0; i < 10; i++) {
                producer.send(session.createTextMessage("job" + i));
            }
            int received = 0;
            while (first.receive(500) != null) {
                received++;
            }
            while (second.receive(500) != null) {
                received++;
            }
            assertThat(received).isEqualTo(10);
        }
    }

    @Test
    void aSharedDurableSubscriptionOutlivesItsConsumers() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            connection.setClientID("shared-client");
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("audit");
            session.createSharedDurableConsumer(topic, "auditors").close();
            session.createProducer(topic).send(session.createTextMessage("kept"));
            MessageConsumer again = session.createSharedDurableConsumer(topic, "auditors");
            assertThat(((TextMessage) again.receive(5_000)).getText()).isEqualTo("kept");
            again.close();
            session.unsubscribe("auditors");
        }
    }

    @Test
    void unsubscribingANameWithoutSubscriptionFails() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            connection.setClientID("nobody");
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.unsubscribe("never-made")).isInstanceOf(jakarta.jms.JMSException.class);
            MessageConsumer still = session.createConsumer(session.createTopic("after"));
            assertThat(still.receiveNoWait()).isNull();
        }
    }

    @Test
    void aConsumerOfAnotherConnectionsTemporaryQueueIsRefused() throws Exception {
        try (Connection owner = qpid().createConnection(); Connection other = qpid().createConnection()) {
            Session ownerSession = owner.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var temporary = ownerSession.createTemporaryQueue();
            Session otherSession = other.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> otherSession.createConsumer(otherSession.createQueue(temporary.getQueueName())))
                    .isInstanceOf(jakarta.jms.JMSException.class);
            MessageConsumer fine = otherSession.createConsumer(otherSession.createQueue("plain"));
            assertThat(fine.receiveNoWait()).isNull();
        }
    }
}
