package dev.tern.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AmqpQueueTest extends AmqpBrokerSupport {

    @BeforeEach
    void start() {
        startBroker();
    }

    @Test
    void aQpidJmsProducerAndConsumerShareAQueue() {
        try (JMSContext context = qpid().createContext()) {
            Queue queue = context.createQueue("orders");
            context.createProducer().setProperty("region", "eu").send(queue, "order 1");
            Message received = context.createConsumer(queue).receive(5_000);
            assertThat(received).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) received).getText()).isEqualTo("order 1");
            assertThat(received.getStringProperty("region")).isEqualTo("eu");
            assertThat(received.getJMSRedelivered()).isFalse();
        } catch (jakarta.jms.JMSException e) {
            throw new AssertionError(e);
        }
        assertThat(broker.messageCount("orders")).hasValue(0);
    }

    @Test
    void clientAcknowledgeRecoverRedeliversWithTheRedeliveredFlag() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue queue = session.createQueue("work");
            MessageProducer producer = session.createProducer(queue);
            producer.send(session.createTextMessage("a"));
            producer.send(session.createTextMessage("b"));
            MessageConsumer consumer = session.createConsumer(queue);
            assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("a");
            assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("b");
            session.recover();
            Message again = consumer.receive(5_000);
            assertThat(((TextMessage) again).getText()).isEqualTo("a");
            assertThat(again.getJMSRedelivered()).isTrue();
            Message second = consumer.receive(5_000);
            assertThat(((TextMessage) second).getText()).isEqualTo("b");
            second.acknowledge();
        }
        assertThat(broker.messageCount("work")).hasValue(0);
    }

    @Test
    void aQueueBrowserSeesTheWaitingMessagesAndConsumesNone() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("browsed");
            MessageProducer producer = session.createProducer(queue);
            producer.send(session.createTextMessage("first"));
            producer.send(session.createTextMessage("second"));
            java.util.List<String> seen = new java.util.ArrayList<>();
            var browser = session.createBrowser(queue);
            var messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                seen.add(((TextMessage) messages.nextElement()).getText());
            }
            browser.close();
            assertThat(seen).containsExactly("first", "second");
        }
        assertThat(broker.messageCount("browsed")).hasValue(2);
    }

    @Test
    void closingAClientAckSessionRedeliversOnlyWhatTheApplicationSaw() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue queue = session.createQueue("half-read");
            MessageProducer producer = session.createProducer(queue);
            producer.send(session.createTextMessage("seen"));
            producer.send(session.createTextMessage("prefetched"));
            MessageConsumer consumer = session.createConsumer(queue);
            assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("seen");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> broker.unacknowledgedCount("half-read").orElse(0) == 2);
            session.close();

            Session next = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer again = next.createConsumer(queue);
            Message first = again.receive(5_000);
            Message second = again.receive(5_000);
            assertThat(((TextMessage) first).getText()).isEqualTo("seen");
            assertThat(first.getJMSRedelivered()).isTrue();
            assertThat(((TextMessage) second).getText()).isEqualTo("prefetched");
            assertThat(second.getJMSRedelivered()).isFalse();
        }
    }
}
