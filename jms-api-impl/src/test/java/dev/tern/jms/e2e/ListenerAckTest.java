package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ListenerAckTest {

    private TestBroker broker;
    private Connection connection;

    @BeforeEach
    void setUp(Transport transport) throws JMSException {
        broker = new TestBroker(transport);
        connection = broker.factory.createConnection();
    }

    @AfterEach
    void tearDown() throws JMSException {
        connection.close();
        broker.close();
    }

    /**
     * MessageConsumer.close javadoc: it may be called from the consumer's own onMessage, and "the onMessage
     * method will be allowed to complete normally". In AUTO_ACKNOWLEDGE the message is then acknowledged;
     * Tern instead returns the in-progress delivery to the queue at close, so it is delivered a second time.
     */
    @TransportTest
    void closingTheConsumerFromItsOwnListenerInAutoModeDoesNotDeliverTheMessageAgain() throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("q");
        session.createProducer(queue).send(session.createTextMessage("once"));
        CountDownLatch returned = new CountDownLatch(1);
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.setMessageListener(message -> {
            try {
                consumer.close();
            } catch (JMSException e) {
                throw new RuntimeException(e);
            } finally {
                returned.countDown();
            }
        });
        connection.start();
        assertThat(returned.await(5, TimeUnit.SECONDS)).isTrue();

        Session other = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer second = other.createConsumer(queue);
        assertThat(second.receive(1000)).as("the message was auto-acknowledged once onMessage returned").isNull();
    }

    /**
     * Session.recover: "mark all messages that might have been delivered but not acknowledged as
     * redelivered". A message whose onMessage is in progress in AUTO_ACKNOWLEDGE is delivered and not yet
     * acknowledged, so after recover() from inside onMessage it must come back with JMSRedelivered=true.
     */
    @TransportTest
    void recoverFromAnAutoAckListenerRedeliversTheCurrentMessageAsRedelivered() throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("q");
        session.createProducer(queue).send(session.createTextMessage("m"));
        List<Message> seen = new CopyOnWriteArrayList<>();
        CountDownLatch twice = new CountDownLatch(2);
        session.createConsumer(queue).setMessageListener(message -> {
            seen.add(message);
            twice.countDown();
            if (seen.size() == 1) {
                try {
                    session.recover();
                } catch (JMSException e) {
                    throw new RuntimeException(e);
                }
            }
        });
        connection.start();
        assertThat(twice.await(5, TimeUnit.SECONDS)).as("delivered again after recover").isTrue();
        assertThat(seen.get(0).getJMSRedelivered()).isFalse();
        assertThat(seen.get(1).getJMSRedelivered()).isTrue();
        assertThat(seen.get(1).getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
    }
}
