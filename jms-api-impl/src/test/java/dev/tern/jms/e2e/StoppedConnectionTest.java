package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The broker gives a connection's consumers nothing while the connection is not started or is stopped;
 * stopping returns what its consumers buffered, so other consumers of the queue take it.
 */
@Timeout(60)
class StoppedConnectionTest {

    private static final long WAIT = 5_000;
    private static final String QUEUE = "work";

    @TransportTest
    void aConsumerOfAConnectionNeverStartedTakesNoMessageFromAStartedOne(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport);
                Connection idle = broker.connection();
                Connection active = broker.startedConnection()) {
            consumer(idle, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = consumer(active, Session.AUTO_ACKNOWLEDGE);

            send(active, 1);

            assertThat(text(consumer.receive(WAIT))).isEqualTo("m0");
        }
    }

    @TransportTest
    void aJmsContextReceivesWhileAnotherConnectionsConsumerWaitsUnstarted(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport);
                Connection idle = broker.connection();
                JMSContext context = broker.factory.createContext()) {
            consumer(idle, Session.AUTO_ACKNOWLEDGE);
            Queue queue = context.createQueue(QUEUE);
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
            MessageConsumer firstConsumer = consumer(first, Session.AUTO_ACKNOWLEDGE);
            send(first, 10);
            assertThat(text(firstConsumer.receive(WAIT))).isEqualTo("m0");

            first.stop();
            MessageConsumer secondConsumer = consumer(second, Session.AUTO_ACKNOWLEDGE);

            assertThat(receiveAll(secondConsumer, 9)).containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
            assertThat(firstConsumer.receiveNoWait()).isNull();
        }
    }

    @TransportTest
    void aRestartedConnectionReceivesWhatItsStopReturnedInOrder(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport);
                Connection connection = broker.startedConnection()) {
            MessageConsumer consumer = consumer(connection, Session.AUTO_ACKNOWLEDGE);
            send(connection, 5);
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
            MessageConsumer firstConsumer = consumer(first, Session.CLIENT_ACKNOWLEDGE);
            send(first, 3);
            Message held = firstConsumer.receive(WAIT);
            assertThat(text(held)).isEqualTo("m0");

            first.stop();
            MessageConsumer secondConsumer = consumer(second, Session.AUTO_ACKNOWLEDGE);
            assertThat(receiveAll(secondConsumer, 2)).containsExactly("m1", "m2");
            assertThat(secondConsumer.receive(300)).as("m0 is still held by the stopped session").isNull();

            held.acknowledge();
            assertThat(broker.messageCount(QUEUE)).isZero();
            assertThat(secondConsumer.receiveNoWait()).isNull();
        }
    }

    @TransportTest
    void aStoppedConnectionsReturnedMessagesDoNotCountAsRedelivered(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport);
                Connection first = broker.startedConnection();
                Connection second = broker.startedConnection()) {
            consumer(first, Session.AUTO_ACKNOWLEDGE);
            send(first, 1);
            await().atMost(Duration.ofMillis(WAIT)).until(() -> broker.messageCount(QUEUE) == 0);

            first.stop();
            Message message = consumer(second, Session.AUTO_ACKNOWLEDGE).receive(WAIT);

            assertThat(message.getJMSRedelivered()).isFalse();
            assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        }
    }

    @TransportTest
    void aCompletionListenerMayStopItsOwnContext(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport);
                JMSContext context = broker.factory.createContext()) {
            Queue queue = context.createQueue(QUEUE);
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
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            consumer(connection, Session.AUTO_ACKNOWLEDGE).setMessageListener(message -> {
                try {
                    connection.stop();
                    outcome.complete(null);
                } catch (Exception e) {
                    outcome.complete(e);
                }
            });
            send(connection, 1);

            assertThat(outcome.get(WAIT, TimeUnit.MILLISECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("MessageListener must not stop its own connection");
        }
    }

    @TransportTest
    void aListenerThatStartsItsConnectionWhileAnotherThreadStopsItWins(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport);
                Connection connection = broker.startedConnection()) {
            CountDownLatch inListener = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            consumer(connection, Session.AUTO_ACKNOWLEDGE).setMessageListener(message -> {
                try {
                    received.add(text(message));
                    if (inListener.getCount() > 0) {
                        inListener.countDown();
                        release.await(WAIT, TimeUnit.MILLISECONDS);
                        connection.start();
                    }
                } catch (Exception e) {
                    received.add("failed: " + e);
                }
            });
            send(connection, 1);
            assertThat(inListener.await(WAIT, TimeUnit.MILLISECONDS)).isTrue();

            CompletableFuture<Void> stopping = new CompletableFuture<>();
            Thread stopper = new Thread(() -> {
                try {
                    connection.stop();
                    stopping.complete(null);
                } catch (Exception e) {
                    stopping.completeExceptionally(e);
                }
            });
            stopper.start();
            // stop() has paused delivery and waits for the running listener.
            await().atMost(Duration.ofMillis(WAIT)).until(() -> stopper.getState() == Thread.State.WAITING);
            release.countDown();
            stopping.get(WAIT, TimeUnit.MILLISECONDS);
            send(connection, 1);

            assertThat(received.poll(WAIT, TimeUnit.MILLISECONDS)).isEqualTo("m0");
            assertThat(received.poll(WAIT, TimeUnit.MILLISECONDS)).as("the listener's start() won").isEqualTo("m0");
        }
    }

    @TransportTest
    void stopAndStartAreIdempotent(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport);
                Connection connection = broker.connection()) {
            connection.stop();
            connection.start();
            connection.start();
            MessageConsumer consumer = consumer(connection, Session.AUTO_ACKNOWLEDGE);
            send(connection, 1);
            assertThat(consumer.receive(WAIT)).isNotNull();
            assertThatCode(() -> {
                connection.stop();
                connection.stop();
            }).doesNotThrowAnyException();
        }
    }

    private static MessageConsumer consumer(Connection connection, int sessionMode) throws Exception {
        Session session = connection.createSession(sessionMode);
        return session.createConsumer(session.createQueue(QUEUE));
    }

    /** Sends m0, m1, ... to the queue through a session of its own. */
    private static void send(Connection connection, int count) throws Exception {
        try (Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            for (int i = 0; i < count; i++) {
                producer.send(session.createTextMessage("m" + i));
            }
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
}
