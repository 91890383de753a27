package dev.tern.jms.e2e;

import static dev.tern.jms.e2e.QueueAndTopicTest.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class AcknowledgeAndTransactionTest {

    private TestBroker broker;
    private Connection connection;
    private Queue queue;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        broker = new TestBroker(transport);
        connection = broker.startedConnection();
        queue = connection.createSession(Session.AUTO_ACKNOWLEDGE).createQueue("q");
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    private void send(String... bodies) throws JMSException {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(queue);
        for (String body : bodies) {
            producer.send(session.createTextMessage(body));
        }
        session.close();
    }

    @TransportTest
    void autoAcknowledgedMessagesDoNotComeBackAfterClose() throws JMSException {
        send("a", "b");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(text(consumer.receive(1000))).isEqualTo("a");
        session.close();
        assertThat(drain(freshConsumer())).containsExactly("b");
    }

    @TransportTest
    void clientAcknowledgeAcknowledgesEverythingTheSessionConsumed() throws JMSException {
        send("a", "b", "c");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.receive(1000);
        Message second = consumer.receive(1000);
        second.acknowledge();
        session.close();
        assertThat(drain(freshConsumer())).containsExactly("c");
    }

    @TransportTest
    void unacknowledgedClientMessagesReturnInOrderWithRedeliveredFlag() throws JMSException {
        send("a", "b", "c");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.receive(1000);
        consumer.receive(1000);
        session.close();

        MessageConsumer again = freshConsumer();
        Message a = again.receive(1000);
        Message b = again.receive(1000);
        Message c = again.receive(1000);
        assertThat(text(a)).isEqualTo("a");
        assertThat(text(b)).isEqualTo("b");
        assertThat(text(c)).isEqualTo("c");
        assertThat(a.getJMSRedelivered()).isTrue();
        assertThat(a.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        assertThat(c.getJMSRedelivered()).as("c was only prefetched, never consumed").isFalse();
        assertThat(c.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @TransportTest
    void recoverRedeliversFromTheOldestUnacknowledgedMessage() throws JMSException {
        send("a", "b");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(text(consumer.receive(1000))).isEqualTo("a");
        session.recover();
        Message again = consumer.receive(1000);
        assertThat(text(again)).isEqualTo("a");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        Message b = consumer.receive(1000);
        assertThat(text(b)).isEqualTo("b");
        assertThat(b.getJMSRedelivered()).isFalse();
    }

    @TransportTest
    void dupsOkConsumesEveryMessage() throws JMSException {
        send("a", "b", "c");
        Session session = connection.createSession(Session.DUPS_OK_ACKNOWLEDGE);
        assertThat(drain(session.createConsumer(queue))).containsExactly("a", "b", "c");
    }

    @TransportTest
    void commitMakesSendsVisibleAndReceivesFinal() throws JMSException {
        send("in");
        Session tx = connection.createSession(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = tx.createConsumer(queue);
        Queue out = tx.createQueue("out");
        assertThat(text(consumer.receive(1000))).isEqualTo("in");
        tx.createProducer(out).send(tx.createTextMessage("result"));

        MessageConsumer outside = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(out);
        assertThat(outside.receive(200)).as("uncommitted send is invisible").isNull();
        tx.commit();
        assertThat(text(outside.receive(1000))).isEqualTo("result");
        tx.close();
        assertThat(drain(freshConsumer())).as("committed receive is final").isEmpty();
    }

    @TransportTest
    void rollbackDiscardsSendsAndRedeliversReceives() throws JMSException {
        send("in");
        Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = tx.createConsumer(queue);
        assertThat(text(consumer.receive(1000))).isEqualTo("in");
        tx.createProducer(tx.createQueue("out")).send(tx.createTextMessage("discarded"));
        tx.rollback();

        Message again = consumer.receive(1000);
        assertThat(text(again)).isEqualTo("in");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        tx.commit();
        MessageConsumer out = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(tx.createQueue("out"));
        assertThat(out.receive(200)).isNull();
    }

    @TransportTest
    void closingATransactedSessionRollsBack() throws JMSException {
        send("a");
        Session tx = connection.createSession(Session.SESSION_TRANSACTED);
        assertThat(text(tx.createConsumer(queue).receive(1000))).isEqualTo("a");
        tx.close();
        Message again = freshConsumer().receive(1000);
        assertThat(text(again)).isEqualTo("a");
        assertThat(again.getJMSRedelivered()).isTrue();
    }

    @TransportTest
    void closingATransactedSessionRedeliversItsReceivesToTheDurableSubscription() throws JMSException {
        try (Connection durable = new TernConnectionFactory(broker.url("jms.clientID=tx-durable")).createConnection()) {
            durable.start();
            Session tx = durable.createSession(Session.SESSION_TRANSACTED);
            Topic topic = tx.createTopic("t");
            MessageConsumer subscriber = tx.createDurableSubscriber(topic, "sub");
            publish(topic, "first", "second");
            assertThat(text(subscriber.receive(1000))).isEqualTo("first");
            tx.commit();
            assertThat(text(subscriber.receive(1000))).isEqualTo("second");
            tx.close();

            assertRedelivered(durable, topic, "second");
        }
    }

    @TransportTest
    void closingTheConnectionRedeliversATransactionsReceivesToTheDurableSubscription() throws JMSException {
        TernConnectionFactory factory = new TernConnectionFactory(broker.url("jms.clientID=tx-durable"));
        Topic topic;
        try (Connection first = factory.createConnection()) {
            first.start();
            Session tx = first.createSession(Session.SESSION_TRANSACTED);
            topic = tx.createTopic("t");
            MessageConsumer subscriber = tx.createDurableSubscriber(topic, "sub");
            publish(topic, "only");
            assertThat(text(subscriber.receive(1000))).isEqualTo("only");
        }
        try (Connection second = factory.createConnection()) {
            second.start();
            assertRedelivered(second, topic, "only");
        }
    }

    /** The durable subscription "sub" gives this message again, marked redelivered. */
    private static void assertRedelivered(Connection connection, Topic topic, String expected) throws JMSException {
        Session tx = connection.createSession(Session.SESSION_TRANSACTED);
        Message redelivered = tx.createDurableSubscriber(topic, "sub").receive(1000);
        assertThat(text(redelivered)).isEqualTo(expected);
        assertThat(redelivered.getJMSRedelivered()).isTrue();
        tx.commit();
    }

    private void publish(Topic topic, String... bodies) throws JMSException {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(topic);
        for (String body : bodies) {
            producer.send(session.createTextMessage(body));
        }
        session.close();
    }

    @TransportTest
    void messagesOfAClosedConsumerStayWithTheTransaction() throws JMSException {
        send("a", "b");
        Session tx = connection.createSession(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = tx.createConsumer(queue);
        assertThat(text(consumer.receive(1000))).isEqualTo("a");
        consumer.close();
        tx.commit();
        assertThat(drain(freshConsumer())).containsExactly("b");
    }

    @TransportTest
    void transactionVerbsNeedTheRightSessionKind() throws JMSException {
        Session auto = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Session tx = connection.createSession(Session.SESSION_TRANSACTED);
        assertThatThrownBy(auto::commit).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(auto::rollback).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(tx::recover).isInstanceOf(IllegalStateException.class);
    }

    @TransportTest
    void acknowledgeAfterSessionCloseIsIllegalState() throws JMSException {
        send("a");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Message message = session.createConsumer(queue).receive(1000);
        session.close();
        assertThatThrownBy(message::acknowledge).isInstanceOf(IllegalStateException.class);
    }

    private MessageConsumer freshConsumer() throws JMSException {
        return connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
    }

    private static String text(Message message) throws JMSException {
        assertThat(message).isNotNull();
        return ((TextMessage) message).getText();
    }
}
