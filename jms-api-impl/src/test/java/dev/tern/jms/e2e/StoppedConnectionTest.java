package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The broker gives a connection's consumers nothing while the connection is not started or is stopped;
 * stopping returns what its consumers buffered, so other consumers of the queue take it.
 */
@Timeout(60)
class StoppedConnectionTest {

    private static final long WAIT = 5_000;

    @TransportTest
    void aConsumerOfAConnectionNeverStartedTakesNoMessageFromAStartedOne(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport);
                Connection idle = broker.connection();
                Connection active = broker.startedConnection()) {
            Session idleSession = idle.createSession(false, Session.AUTO_ACKNOWLEDGE);
            idleSession.createConsumer(idleSession.createQueue("work"));
            Session session = active.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("work");
            MessageConsumer consumer = session.createConsumer(queue);

            session.createProducer(queue).send(session.createTextMessage("for the started connection"));

            assertThat(consumer.receive(WAIT)).isInstanceOf(TextMessage.class);
        }
    }

    @TransportTest
    void aJmsContextReceivesWhileAnotherConnectionsConsumerWaitsUnstarted(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport);
                Connection idle = broker.connection();
                JMSContext context = broker.factory.createContext()) {
            Session idleSession = idle.createSession(false, Session.AUTO_ACKNOWLEDGE);
            idleSession.createConsumer(idleSession.createQueue("work"));
            Queue queue = context.createQueue("work");
            JMSConsumer consumer = context.createConsumer(queue);

            context.createProducer().send(queue, true);

            assertThat(consumer.receiveBody(Boolean.class, WAIT)).isTrue();
        }
    }

    @TransportTest
    void stoppingReturnsBufferedMessagesForOtherConsumers(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport);
                Connection first = broker.startedConnection();
                Connection second = broker.startedConnection()) {
            Session firstSession = first.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = firstSession.createQueue("work");
            MessageConsumer firstConsumer = firstSession.createConsumer(queue);
            send(firstSession, queue, 10);
            assertThat(text(firstConsumer.receive(WAIT))).isEqualTo("m0");

            first.stop();
            MessageConsumer secondConsumer = second.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue);

            assertThat(receiveAll(secondConsumer, 9)).containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
            assertThat(firstConsumer.receiveNoWait()).isNull();
        }
    }

    @TransportTest
    void aRestartedConnectionReceivesWhatItsStopReturnedInOrder(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport);
                Connection connection = broker.startedConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("work");
            MessageConsumer consumer = session.createConsumer(queue);
            send(session, queue, 5);
            assertThat(text(consumer.receive(WAIT))).isEqualTo("m0");

            connection.stop();
            assertThat(consumer.receive(200)).as("a stopped connection's receive returns nothing").isNull();
            connection.start();

            assertThat(receiveAll(consumer, 4)).containsExactly("m1", "m2", "m3", "m4");
        }
    }

    @TransportTest
    void messagesReceivedAndNotAcknowledgedStayWithTheStoppedSession(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport);
                Connection first = broker.startedConnection();
                Connection second = broker.startedConnection()) {
            Session firstSession = first.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue queue = firstSession.createQueue("work");
            MessageConsumer firstConsumer = firstSession.createConsumer(queue);
            send(firstSession, queue, 3);
            Message held = firstConsumer.receive(WAIT);
            assertThat(text(held)).isEqualTo("m0");

            first.stop();
            MessageConsumer secondConsumer = second.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
            assertThat(receiveAll(secondConsumer, 2)).containsExactly("m1", "m2");
            assertThat(secondConsumer.receive(300)).as("m0 is still held by the stopped session").isNull();

            held.acknowledge();
            assertThat(broker.messageCount("work")).isZero();
            assertThat(secondConsumer.receiveNoWait()).isNull();
        }
    }

    @TransportTest
    void aStoppedConnectionsReturnedMessagesDoNotCountAsRedelivered(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport);
                Connection first = broker.startedConnection();
                Connection second = broker.startedConnection()) {
            Session firstSession = first.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = firstSession.createQueue("work");
            firstSession.createConsumer(queue);
            send(firstSession, queue, 1);
            awaitBuffered(broker, "work");

            first.stop();
            Message message = second.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue).receive(WAIT);

            assertThat(message.getJMSRedelivered()).isFalse();
            assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        }
    }

    @TransportTest
    void aCompletionListenerMayStopItsOwnContext(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport);
                JMSContext context = broker.factory.createContext()) {
            Queue queue = context.createQueue("work");
            context.createConsumer(queue);
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            context.createProducer().setAsync(new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    try {
                        context.stop();
                        outcome.complete(null);
                    } catch (RuntimeException e) {
                        outcome.complete(e);
                    }
                }

                @Override
                public void onException(Message message, Exception exception) {
                    outcome.complete(exception);
                }
            }).send(queue, "stop from the callback");

            assertThat(outcome.get(WAIT, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @TransportTest
    void aMessageListenerMayNotStopItsOwnConnection(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport);
                Connection connection = broker.startedConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("work");
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            session.createConsumer(queue).setMessageListener(message -> {
                try {
                    connection.stop();
                    outcome.complete(null);
                } catch (Exception e) {
                    outcome.complete(e);
                }
            });
            send(session, queue, 1);

            assertThat(outcome.get(WAIT, TimeUnit.MILLISECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("MessageListener must not stop its own connection");
        }
    }

    @TransportTest
    void stopAndStartAreIdempotent(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport);
                Connection connection = broker.connection()) {
            connection.stop();
            connection.start();
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("work");
            MessageConsumer consumer = session.createConsumer(queue);
            send(session, queue, 1);
            assertThat(consumer.receive(WAIT)).isNotNull();
            assertThatCode(() -> {
                connection.stop();
                connection.stop();
            }).doesNotThrowAnyException();
        }
    }

    private static void send(Session session, Queue queue, int count) throws Exception {
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < count; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
    }

    private static List<String> receiveAll(MessageConsumer consumer, int count) throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = consumer.receive(WAIT);
            assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
            texts.add(text(message));
        }
        return texts;
    }

    private static String text(Message message) throws Exception {
        return ((TextMessage) message).getText();
    }

    /** Waits until the queue's message went out to a consumer. */
    private static void awaitBuffered(TestBroker broker, String queue) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> broker.messageCount(queue) == 0);
    }
}
