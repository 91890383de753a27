package dev.tern.jms.e2e;

import static dev.tern.jms.e2e.QueueAndTopicTest.drain;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** Exclusive consumers through the JMS API: one receives, the others stand by and take over in order. */
@Timeout(60)
class ExclusiveConsumerTest {

    private TestBroker broker;
    private Connection connection;
    private Session session;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        broker = new TestBroker(transport);
        connection = broker.startedConnection();
        session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    private void send(Queue queue, int count) throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        for (int i = 1; i <= count; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
    }

    private static List<String> receive(MessageConsumer consumer, int count) throws JMSException {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TextMessage message = (TextMessage) consumer.receive(2_000);
            assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
            bodies.add(message.getText());
        }
        return bodies;
    }

    @TransportTest
    void aConsumerOfAnExclusiveDestinationOptionReceivesEverything() throws JMSException {
        MessageConsumer plain = session.createConsumer(session.createQueue("orders"));
        MessageConsumer exclusive = session.createConsumer(session.createQueue("orders?consumer.exclusive=true"));
        send(session.createQueue("orders"), 6);
        assertThat(receive(exclusive, 6)).containsExactly("m1", "m2", "m3", "m4", "m5", "m6");
        assertThat(plain.receive(200)).isNull();
    }

    @TransportTest
    void aStandbyTakesOverInOrderWhenTheActiveConsumerCloses() throws JMSException {
        broker.broker().setPolicy("orders", "exclusive", "true");
        Queue queue = session.createQueue("orders");
        Session activeSession = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer active = activeSession.createConsumer(queue);
        MessageConsumer standby = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        send(queue, 5);

        assertThat(receive(active, 3)).containsExactly("m1", "m2", "m3");
        assertThat(standby.receive(200)).as("the standby gets nothing while the active consumer is open").isNull();
        activeSession.close();

        assertThat(receive(standby, 5)).as("unacknowledged m1..m3 come back first, in order")
                .containsExactly("m1", "m2", "m3", "m4", "m5");
    }

    @TransportTest
    void exclusivityAppliesToTopicSubscriptionsByTheTopicsName() throws JMSException {
        broker.broker().setPolicy("prices.>", "exclusive", "true");
        var topic = session.createTopic("prices.eu");
        MessageConsumer first = session.createSharedConsumer(topic, "sub");
        MessageConsumer second = session.createSharedConsumer(topic, "sub");
        MessageProducer producer = session.createProducer(topic);
        for (int i = 1; i <= 4; i++) {
            producer.send(session.createTextMessage("p" + i));
        }
        assertThat(receive(first, 4)).containsExactly("p1", "p2", "p3", "p4");
        assertThat(drain(second)).isEmpty();
    }
}
