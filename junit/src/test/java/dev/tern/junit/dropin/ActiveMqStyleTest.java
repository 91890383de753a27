package dev.tern.junit.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * A test written the way ActiveMQ Classic users write them: an embedded {@code vm://localhost} broker
 * made by the connection factory itself, in memory and without JMX, a connection opened before each
 * test and closed after it, and plain Jakarta Messaging calls in between.
 *
 * <p><b>Ported by changing two lines only:</b> the import {@code org.apache.activemq.ActiveMQConnectionFactory}
 * became {@code dev.tern.jms.TernConnectionFactory}, and {@code new ActiveMQConnectionFactory(...)} became
 * {@code new TernConnectionFactory(...)}; the Maven dependency {@code activemq-broker} became
 * {@code tern-jms-api-impl} plus {@code tern-broker-engine}. The URL, with its ActiveMQ options, and
 * everything else are as they were.
 */
class ActiveMqStyleTest {

    private static final String BROKER_URL = "vm://localhost?broker.persistent=false&broker.useJmx=false";

    private Connection connection;

    @BeforeEach
    void setUp() throws JMSException {
        TernConnectionFactory connectionFactory = new TernConnectionFactory(BROKER_URL);
        connection = connectionFactory.createConnection();
        connection.start();
    }

    @AfterEach
    void tearDown() throws JMSException {
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void sendsAndReceivesOnAQueue() throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("TEST.QUEUE");
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        MessageConsumer consumer = session.createConsumer(queue);

        TextMessage sent = session.createTextMessage("Hello ActiveMQ");
        sent.setStringProperty("orderId", "42");
        producer.send(sent);

        TextMessage received = (TextMessage) consumer.receive(5000);
        assertThat(received).isNotNull();
        assertThat(received.getText()).isEqualTo("Hello ActiveMQ");
        assertThat(received.getStringProperty("orderId")).isEqualTo("42");
        assertThat(received.getJMSMessageID()).isEqualTo(sent.getJMSMessageID());
        assertThat(consumer.receive(100)).isNull();
    }

    @Test
    void everyTopicSubscriberGetsEachMessage() throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("TEST.TOPIC");
        MessageConsumer first = session.createConsumer(topic);
        MessageConsumer second = session.createConsumer(topic);
        CountDownLatch received = new CountDownLatch(1);
        List<String> heardByListener = new ArrayList<>();
        Session listenerSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        listenerSession.createConsumer(topic).setMessageListener(message -> {
            try {
                heardByListener.add(((TextMessage) message).getText());
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
            received.countDown();
        });

        session.createProducer(topic).send(session.createTextMessage("price update"));

        assertThat(((TextMessage) first.receive(5000)).getText()).isEqualTo("price update");
        assertThat(((TextMessage) second.receive(5000)).getText()).isEqualTo("price update");
        assertThat(received.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(heardByListener).containsExactly("price update");
    }

    @Test
    void aRolledBackTransactionIsRedelivered() throws JMSException {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = session.createQueue("TEST.TX");
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);

        producer.send(session.createTextMessage("tx message"));
        assertThat(consumer.receive(200)).as("not visible before commit").isNull();
        session.commit();

        Message first = consumer.receive(5000);
        assertThat(first).isNotNull();
        assertThat(first.getJMSRedelivered()).isFalse();
        session.rollback();

        Message again = consumer.receive(5000);
        assertThat(again).isNotNull();
        assertThat(((TextMessage) again).getText()).isEqualTo("tx message");
        assertThat(again.getJMSRedelivered()).isTrue();
        session.commit();
        assertThat(consumer.receive(100)).isNull();
    }

    @Test
    void clientAcknowledgeKeepsUnacknowledgedMessagesForTheNextConsumer() throws JMSException {
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("TEST.ACK");
        session.createProducer(queue).send(session.createTextMessage("ack me"));
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(consumer.receive(5000)).isNotNull();
        session.close();

        Session next = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message redelivered = next.createConsumer(queue).receive(5000);
        assertThat(redelivered).isNotNull();
        assertThat(redelivered.getJMSRedelivered()).isTrue();
        redelivered.acknowledge();
    }

    @Test
    void aSelectorPicksMatchingMessages() throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("TEST.SELECTOR");
        MessageProducer producer = session.createProducer(queue);
        for (String colour : List.of("red", "blue", "red")) {
            TextMessage message = session.createTextMessage(colour);
            message.setStringProperty("colour", colour);
            producer.send(message);
        }
        MessageConsumer reds = session.createConsumer(queue, "colour = 'red'");
        assertThat(((TextMessage) reds.receive(5000)).getText()).isEqualTo("red");
        assertThat(((TextMessage) reds.receive(5000)).getText()).isEqualTo("red");
        assertThat(reds.receive(100)).isNull();
        assertThat(((TextMessage) session.createConsumer(queue).receive(5000)).getText()).isEqualTo("blue");
    }

    @RepeatedTest(2)
    void eachTestStartsWithAnEmptyBroker() throws JMSException {
        // Closing the last connection stops the in-memory broker, as ActiveMQ's does, so what one test
        // leaves behind is gone in the next.
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("TEST.LEFTOVER");
        assertThat(session.createConsumer(queue).receive(100)).isNull();
        session.createProducer(queue).send(session.createTextMessage("left behind"));
    }
}
