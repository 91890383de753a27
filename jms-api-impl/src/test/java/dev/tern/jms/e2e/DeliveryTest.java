package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DeliveryTest {

    private TestBroker broker;
    private Connection connection;
    private Session session;
    private Queue queue;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        broker = new TestBroker(transport);
        connection = broker.connection();
        session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue("delivery");
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    private void send(int count) throws JMSException {
        Session producerSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = producerSession.createProducer(queue);
        for (int i = 0; i < count; i++) {
            producer.send(producerSession.createTextMessage("m" + i));
        }
        producerSession.close();
    }

    @TransportTest
    void receiveVariantsReturnMessagesOrNull() throws JMSException {
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        assertThat(consumer.receiveNoWait()).isNull();
        assertThat(consumer.receive(50)).isNull();
        send(3);
        assertThat(consumer.receive()).isNotNull();
        assertThat(consumer.receive(1000)).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.receiveNoWait() != null);
    }

    @TransportTest
    void receiveBlocksUntilAMessageArrives() throws Exception {
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        AtomicReference<Message> received = new AtomicReference<>();
        Thread receiver = new Thread(() -> {
            try {
                received.set(consumer.receive());
            } catch (JMSException e) {
                throw new java.lang.IllegalStateException(e);
            }
        });
        receiver.start();
        send(1);
        receiver.join(5_000);
        assertThat(received.get()).isNotNull();
    }

    @TransportTest
    void stoppedConnectionDeliversNothingUntilStarted() throws Exception {
        MessageConsumer consumer = session.createConsumer(queue);
        send(1);
        assertThat(consumer.receive(200)).as("connection not started").isNull();
        connection.start();
        assertThat(consumer.receive(1000)).isNotNull();

        CountDownLatch delivered = new CountDownLatch(1);
        consumer.setMessageListener(m -> delivered.countDown());
        connection.stop();
        send(1);
        assertThat(delivered.await(200, TimeUnit.MILLISECONDS)).as("stopped").isFalse();
        connection.start();
        assertThat(delivered.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @TransportTest
    void listenersOfOneSessionRunOneAtATime() throws Exception {
        MessageConsumer first = session.createConsumer(queue);
        MessageConsumer second = session.createConsumer(session.createQueue("other"));
        AtomicInteger running = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(40);
        jakarta.jms.MessageListener listener = m -> {
            if (running.incrementAndGet() > 1) {
                overlapped.set(true);
            }
            Thread.onSpinWait();
            running.decrementAndGet();
            done.countDown();
        };
        first.setMessageListener(listener);
        second.setMessageListener(listener);
        connection.start();
        Session producerSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer toFirst = producerSession.createProducer(queue);
        MessageProducer toSecond = producerSession.createProducer(producerSession.createQueue("other"));
        for (int i = 0; i < 20; i++) {
            toFirst.send(producerSession.createTextMessage("a" + i));
            toSecond.send(producerSession.createTextMessage("b" + i));
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(overlapped).isFalse();
    }

    @TransportTest
    void listenerReceivesMessagesInOrder() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(50);
        session.createConsumer(queue).setMessageListener(m -> {
            try {
                bodies.add(((TextMessage) m).getText());
            } catch (JMSException e) {
                throw new java.lang.IllegalStateException(e);
            }
            done.countDown();
        });
        connection.start();
        send(50);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(bodies).first().isEqualTo("m0");
        assertThat(bodies).last().isEqualTo("m49");
        assertThat(bodies).hasSize(50).doesNotHaveDuplicates();
    }

    @TransportTest
    void closeWaitsForTheRunningOnMessageToReturn() throws Exception {
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean listenerReturned = new AtomicBoolean();
        session.createConsumer(queue).setMessageListener(m -> {
            inListener.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            listenerReturned.set(true);
        });
        connection.start();
        send(1);
        assertThat(inListener.await(5, TimeUnit.SECONDS)).isTrue();
        Thread closer = Thread.currentThread();
        Thread releaser = new Thread(() -> {
            await().atMost(Duration.ofSeconds(5)).until(() -> closer.getState() == Thread.State.WAITING
                    || closer.getState() == Thread.State.TIMED_WAITING);
            release.countDown();
        });
        releaser.start();
        connection.close();
        assertThat(listenerReturned).as("close returned only after onMessage did").isTrue();
    }

    @TransportTest
    void listenerThatThrowsInAutoModeGetsTheMessageAgain() throws Exception {
        List<Boolean> redeliveredFlags = new CopyOnWriteArrayList<>();
        CountDownLatch twice = new CountDownLatch(2);
        session.createConsumer(queue).setMessageListener(m -> {
            try {
                redeliveredFlags.add(m.getJMSRedelivered());
            } catch (JMSException e) {
                throw new java.lang.IllegalStateException(e);
            }
            twice.countDown();
            if (redeliveredFlags.size() == 1) {
                throw new RuntimeException("first attempt fails");
            }
        });
        connection.start();
        send(1);
        assertThat(twice.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(redeliveredFlags).containsExactly(false, true);
    }

    @TransportTest
    void receiveOnAConsumerWithAListenerIsIllegalState() throws JMSException {
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.setMessageListener(m -> { });
        assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateException.class);
    }

    @TransportTest
    void listenerMustNotCloseItsOwnConnectionOrSession() throws Exception {
        AtomicReference<Exception> fromConnectionClose = new AtomicReference<>();
        AtomicReference<Exception> fromSessionClose = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        session.createConsumer(queue).setMessageListener(m -> {
            try {
                connection.close();
            } catch (JMSException e) {
                fromConnectionClose.set(e);
            }
            try {
                session.close();
            } catch (JMSException e) {
                fromSessionClose.set(e);
            }
            done.countDown();
        });
        connection.start();
        send(1);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(fromConnectionClose.get()).isInstanceOf(IllegalStateException.class);
        assertThat(fromSessionClose.get()).isInstanceOf(IllegalStateException.class);
    }

    @TransportTest
    void closedConnectionLeavesNoListenerThreadBehind() throws Exception {
        CountDownLatch got = new CountDownLatch(1);
        session.createConsumer(queue).setMessageListener(m -> got.countDown());
        connection.start();
        send(1);
        assertThat(got.await(5, TimeUnit.SECONDS)).isTrue();
        connection.close();
        // A pool thread can still be finishing its exit for a moment after the pool has terminated.
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith("tern-listener-") && t.isAlive()));
    }
}
