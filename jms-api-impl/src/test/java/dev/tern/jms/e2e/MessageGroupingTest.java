package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** Message groups through the JMS API: one consumer per JMSXGroupID at a time, in order. */
@Timeout(60)
class MessageGroupingTest {

    private TestBroker broker;
    private Connection connection;
    private Session session;
    private Queue queue;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        broker = new TestBroker(transport, "jms.prefetch=4");
        connection = broker.startedConnection();
        session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue("orders");
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    private void send(String group, int seq) throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        TextMessage message = session.createTextMessage(group + seq);
        message.setStringProperty("JMSXGroupID", group);
        message.setIntProperty("JMSXGroupSeq", seq);
        producer.send(message);
        producer.close();
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
    void eachGroupIsConsumedByOneConsumerInOrder() throws JMSException {
        MessageConsumer first = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        MessageConsumer second = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        for (int seq = 1; seq <= 6; seq++) {
            for (String group : new String[] {"a", "b", "c"}) {
                send(group, seq);
            }
        }
        Map<String, List<String>> byConsumer = new HashMap<>();
        int received = 0;
        while (received < 18) {
            for (MessageConsumer consumer : List.of(first, second)) {
                Message message = consumer.receive(100);
                if (message != null) {
                    String body = ((TextMessage) message).getText();
                    byConsumer.computeIfAbsent(body.substring(0, 1) + "@" + (consumer == first ? 1 : 2),
                            k -> new ArrayList<>()).add(body);
                    received++;
                }
            }
        }
        assertThat(byConsumer).as("three groups, each wholly at one consumer").hasSize(3);
        byConsumer.forEach((groupAtConsumer, bodies) -> {
            String group = groupAtConsumer.substring(0, 1);
            assertThat(bodies).containsExactly(group + 1, group + 2, group + 3, group + 4, group + 5, group + 6);
        });
        assertThat(byConsumer.keySet()).as("both consumers got a group").anyMatch(key -> key.endsWith("@1"))
                .anyMatch(key -> key.endsWith("@2"));
    }

    @TransportTest
    void aGroupMovesWhenItsConsumerClosesAndItsUnacknowledgedMessagesComeFirst() throws JMSException {
        Session ownerSession = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer owner = ownerSession.createConsumer(queue);
        send("g", 1);
        assertThat(receive(owner, 1)).containsExactly("g1");
        MessageConsumer other = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        for (int seq = 2; seq <= 5; seq++) {
            send("g", seq);
        }
        assertThat(receive(owner, 2)).containsExactly("g2", "g3");
        assertThat(other.receive(200)).as("the group stays with its owner").isNull();

        ownerSession.close();

        List<Message> moved = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            moved.add(other.receive(2_000));
        }
        assertThat(moved).doesNotContainNull();
        List<String> bodies = new ArrayList<>();
        for (Message message : moved) {
            bodies.add(((TextMessage) message).getText());
        }
        assertThat(bodies).containsExactly("g1", "g2", "g3", "g4", "g5");
        assertThat(moved.get(0).getJMSRedelivered()).isTrue();
        assertThat(moved.get(3).getJMSRedelivered()).as("g4 was only prefetched").isFalse();
    }

    @TransportTest
    void aRolledBackGroupIsRedeliveredInOrderBeforeItsLaterMessages() throws JMSException {
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer owner = transacted.createConsumer(queue);
        send("g", 1);
        assertThat(receive(owner, 1)).containsExactly("g1");
        MessageConsumer other = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        for (int seq = 2; seq <= 4; seq++) {
            send("g", seq);
        }
        assertThat(receive(owner, 1)).containsExactly("g2");
        transacted.rollback();
        assertThat(receive(owner, 4)).containsExactly("g1", "g2", "g3", "g4");
        transacted.commit();
        assertThat(other.receive(200)).isNull();
    }

    @TransportTest
    void aNegativeGroupSequenceClosesTheGroup() throws JMSException {
        MessageConsumer consumer = session.createConsumer(queue);
        send("g", 1);
        send("g", -1);
        assertThat(receive(consumer, 2)).containsExactly("g1", "g-1");
        assertThat(broker.broker().postOffice().queue("orders").ownedGroupCount()).isZero();
    }
}
