package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** Each misuse raises a typed JMS exception whose message says what to fix, and loses nothing. */
@Timeout(60)
class ClearErrorsTest {

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

    @TransportTest
    void nullDestinationIsInvalidDestination() throws JMSException {
        assertThatThrownBy(() -> session.createConsumer(null))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("null");
        MessageProducer anonymous = session.createProducer(null);
        assertThatThrownBy(() -> anonymous.send(null, session.createTextMessage("x")))
                .isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createQueue(""))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("empty");
    }

    @TransportTest
    void deletedTemporaryQueueIsUnknownAndTheSendLosesNothingElse() throws JMSException {
        Queue real = session.createQueue("kept");
        MessageProducer producer = session.createProducer(null);
        producer.send(real, session.createTextMessage("before"));
        TemporaryQueue temporary = session.createTemporaryQueue();
        temporary.delete();
        assertThatThrownBy(() -> producer.send(temporary, session.createTextMessage("lost?")))
                .isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("does not exist");
        assertThat(session.createConsumer(real).receive(1000)).isNotNull();
    }

    @TransportTest
    void temporaryQueueWithConsumersCannotBeDeleted() throws JMSException {
        TemporaryQueue temporary = session.createTemporaryQueue();
        session.createConsumer(temporary);
        assertThatThrownBy(temporary::delete).isInstanceOf(IllegalStateException.class).hasMessageContaining("consumers");
    }

    @TransportTest
    void temporaryQueueAcceptsConsumersOnlyFromItsConnection() throws JMSException {
        TemporaryQueue temporary = session.createTemporaryQueue();
        try (Connection other = broker.connection()) {
            Session otherSession = other.createSession(Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> otherSession.createConsumer(temporary))
                    .isInstanceOf(InvalidDestinationException.class)
                    .hasMessageContaining("another connection");
            otherSession.createProducer(temporary).send(otherSession.createTextMessage("reply"));
        }
        assertThat(session.createConsumer(temporary).receive(1000)).isNotNull();
    }

    @TransportTest
    void callsOnClosedObjectsAreIllegalState() throws JMSException {
        Session closedSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = closedSession.createQueue("q");
        MessageProducer producer = closedSession.createProducer(queue);
        MessageConsumer consumer = closedSession.createConsumer(queue);
        closedSession.close();
        assertThatThrownBy(() -> closedSession.createTextMessage()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> producer.send(session.createTextMessage("x"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateException.class);

        Connection closedConnection = broker.connection();
        closedConnection.close();
        assertThatThrownBy(() -> closedConnection.createSession(Session.AUTO_ACKNOWLEDGE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        closedConnection.close();
    }

    @TransportTest
    void clientIdInUseIsInvalidClientId() throws JMSException {
        try (Connection first = broker.connection()) {
            first.setClientID("unique");
            Connection second = broker.connection();
            assertThatThrownBy(() -> second.setClientID("unique"))
                    .isInstanceOf(InvalidClientIDException.class)
                    .hasMessageContaining("already in use");
            second.close();

            TernConnectionFactory withId = new TernConnectionFactory(broker.url("jms.clientID=unique"));
            assertThatThrownBy(withId::createConnection).isInstanceOf(InvalidClientIDException.class);
            assertThatThrownBy(withId::createContext).isInstanceOf(InvalidClientIDRuntimeException.class);
        }
        try (Connection reused = broker.connection()) {
            reused.setClientID("unique");
            assertThat(reused.getClientID()).isEqualTo("unique");
        }
    }

    @TransportTest
    void clientIdCanOnlyBeSetBeforeUse() throws JMSException {
        try (Connection late = broker.connection()) {
            late.createSession(Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> late.setClientID("too-late"))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @TransportTest
    void badArgumentsAreTypedErrors() throws JMSException {
        assertThatThrownBy(() -> connection.createSession(false, 42))
                .isInstanceOf(JMSException.class).hasMessageContaining("42");
        MessageProducer producer = session.createProducer(session.createQueue("q"));
        assertThatThrownBy(() -> producer.setPriority(10)).isInstanceOf(JMSException.class).hasMessageContaining("0 to 9");
        assertThatThrownBy(() -> producer.setDeliveryMode(7)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> new TernConnectionFactory("vm://x?nonsense=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonsense");
        assertThatThrownBy(() -> new TernConnectionFactory("vm://" + broker.name + "-other?broker.persistent=maybe")
                .createConnection()).isInstanceOf(JMSException.class).hasMessageContaining("broker.persistent");
    }

    @TransportTest
    void simplifiedApiRaisesTheRuntimeTwins() {
        try (JMSContext context = broker.factory.createContext()) {
            assertThatThrownBy(() -> context.createConsumer(null)).isInstanceOf(InvalidDestinationRuntimeException.class);
            assertThatThrownBy(() -> context.unsubscribe("missing")).isInstanceOf(InvalidDestinationRuntimeException.class);
            assertThatThrownBy(() -> context.createProducer().setPriority(-1)).isInstanceOf(JMSRuntimeException.class);
            context.close();
            assertThatThrownBy(context::createTextMessage).isInstanceOf(IllegalStateRuntimeException.class);
        }
    }
}
