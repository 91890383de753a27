package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** The consumer window: with {@code jms.prefetch=0} consumers pull, so no message waits in an idle one. */
@Timeout(60)
class PrefetchTest {

    private TestBroker broker;
    private Connection connection;
    private Session session;
    private Queue queue;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        broker = new TestBroker(transport, "jms.prefetch=0");
        connection = broker.startedConnection();
        session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue("pulled");
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    @TransportTest
    void aPullingConsumerTakesOnlyWhatItReceivesAndLeavesTheRestForOthers() throws JMSException {
        MessageConsumer first = session.createConsumer(queue);
        MessageConsumer second = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        send(4);

        assertThat(text(first.receive(2_000))).isEqualTo("m0");
        assertThat(text(second.receive(2_000))).as("nothing was prefetched by the first").isEqualTo("m1");
        assertThat(text(first.receive(2_000))).isEqualTo("m2");
        assertThat(text(second.receive(2_000))).isEqualTo("m3");
    }

    @TransportTest
    void receiveNoWaitSeesAMessageWaitingOnTheBroker() throws JMSException {
        MessageConsumer consumer = session.createConsumer(queue);
        send(1);
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> broker.messageCount("pulled") == 1);

        assertThat(text(consumer.receiveNoWait())).isEqualTo("m0");
        assertThat(consumer.receiveNoWait()).isNull();
    }

    @TransportTest
    void aPullThatTimedOutGivesItsCreditBack() throws JMSException {
        MessageConsumer idle = session.createConsumer(queue);
        assertThat(idle.receive(50)).isNull();

        send(1);
        MessageConsumer other = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        assertThat(text(other.receive(2_000))).as("the message did not go to the idle consumer").isEqualTo("m0");
    }

    @TransportTest
    void aListenerOnAPullingConsumerGetsEveryMessage() throws JMSException {
        List<String> heard = new CopyOnWriteArrayList<>();
        connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue)
                .setMessageListener(message -> heard.add(text(message)));
        send(20);

        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> heard.size() == 20);
        assertThat(heard).startsWith("m0", "m1").endsWith("m19");
    }

    @TransportTest
    void aBusyPullingListenerHoldsNoMessageBeyondTheOneItProcesses() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        try {
            connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue).setMessageListener(message -> {
                first.add(text(message));
                await(release);
            });
            send(1);
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> first.size() == 1);
            connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue)
                    .setMessageListener(message -> second.add(text(message)));
            send(2);

            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> second.size() == 2);
            assertThat(first).containsExactly("m0");
        } finally {
            release.countDown();
        }
    }

    @TransportTest
    void recoveringListenersAndPullingReceiversOnOneConnectionDoNotDeadlock() throws JMSException {
        Session failing = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        failing.createConsumer(queue).setMessageListener(message -> {
            throw new IllegalStateException("always fails, so the session recovers again and again");
        });
        send(50);
        MessageConsumer puller = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        for (int i = 0; i < 200; i++) {
            puller.receive(5);
        }
        assertThat(ManagementFactory.getThreadMXBean().findDeadlockedThreads()).isNull();
        failing.close();
    }

    @TransportTest
    void recoverRedeliversToAPullingConsumer() throws JMSException {
        Session client = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = client.createConsumer(queue);
        send(2);
        assertThat(text(consumer.receive(2_000))).isEqualTo("m0");
        client.recover();

        Message again = consumer.receive(2_000);
        assertThat(text(again)).isEqualTo("m0");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(text(consumer.receive(2_000))).isEqualTo("m1");
    }

    @TransportTest
    void aPullingReceiveOnAStoppedConnectionGetsTheMessageOnceStarted() throws Exception {
        Connection stopped = broker.connection();
        try {
            MessageConsumer consumer = stopped.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
            send(1);
            CompletableFuture<String> received = new CompletableFuture<>();
            Thread receiver = new Thread(() -> {
                try {
                    received.complete(text(consumer.receive(20_000)));
                } catch (JMSException e) {
                    received.completeExceptionally(e);
                }
            }, "pulling-receiver");
            receiver.start();
            Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> receiver.getState() == Thread.State.TIMED_WAITING);

            stopped.start();
            assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo("m0");
        } finally {
            stopped.close();
        }
    }

    @TransportTest
    void aDestinationOptionSetsTheWindowOfItsConsumers(Transport transport) throws JMSException {
        try (TestBroker prefetching = new TestBroker(transport, "jms.prefetch=1000")) {
            Connection other = prefetching.startedConnection();
            try {
                Session pushSession = other.createSession(Session.AUTO_ACKNOWLEDGE);
                Queue plain = pushSession.createQueue("windowed");
                Queue pulling = pushSession.createQueue("windowed?consumer.prefetchSize=0&consumer.dispatchAsync=true");
                assertThat(pulling).isEqualTo(plain);
                assertThat(pulling.getQueueName()).isEqualTo("windowed");

                MessageConsumer puller = pushSession.createConsumer(pulling);
                MessageProducer producer = pushSession.createProducer(plain);
                producer.send(pushSession.createTextMessage("m0"));
                producer.send(pushSession.createTextMessage("m1"));
                assertThat(text(puller.receive(2_000))).isEqualTo("m0");
                MessageConsumer pusher = other.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(plain);
                assertThat(text(pusher.receive(2_000))).as("m1 stayed on the broker").isEqualTo("m1");
            } finally {
                other.close();
            }
        }
    }

    @TransportTest
    void aMalformedDestinationOptionIsAnInvalidDestination() {
        assertThatThrownBy(() -> session.createQueue("q?consumer.prefetchSize=-2"))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("consumer.prefetchSize");
        assertThatThrownBy(() -> session.createTopic("?consumer.prefetchSize=1"))
                .isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createQueue("q?novalue"))
                .isInstanceOf(InvalidDestinationException.class);
    }

    private void send(int count) throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < count; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
        producer.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String text(Message message) {
        try {
            return message == null ? null : ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }
}
