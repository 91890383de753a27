package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CloseWhileBusyTest {

    private TestBroker broker;

    @BeforeEach
    void setUp(Transport transport) throws JMSException {
        broker = new TestBroker(transport);
    }

    @AfterEach
    void tearDown() throws JMSException {
        broker.close();
    }

    private static boolean blocked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED;
    }

    /**
     * Connection.close javadoc: "If one or more of the connection's sessions' message listeners is processing
     * a message at the point when connection close is invoked, all the facilities of the connection and its
     * sessions must remain available to those listeners until they return control to the JMS provider."
     * Tern marks the connection and session closed before waiting, so the listener's send fails.
     */
    @TransportTest
    void listenerCanStillSendWhileConnectionCloseWaitsForIt() throws Exception {
        Connection connection = broker.factory.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue in = session.createQueue("in");
        Queue out = session.createQueue("out");
        MessageProducer replies = session.createProducer(out);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        session.createConsumer(in).setMessageListener(message -> {
            entered.countDown();
            try {
                proceed.await(10, TimeUnit.SECONDS);
                replies.send(session.createTextMessage("reply"));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        connection.start();
        broker.keepAlive.createSession(false, Session.AUTO_ACKNOWLEDGE).createProducer(in)
                .send(session.createTextMessage("request"));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        Thread closer = new Thread(() -> {
            try {
                connection.close();
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        closer.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> blocked(closer));
        proceed.countDown();
        closer.join(10_000);

        assertThat(failure.get()).as("send from the running listener during close threw %s", String.valueOf(failure.get())).isNull();
        Session check = broker.keepAlive.createSession(false, Session.AUTO_ACKNOWLEDGE);
        broker.keepAlive.start();
        assertThat(check.createConsumer(out).receive(2000)).isNotNull();
    }

    /**
     * MessageProducer.close javadoc: "This method must not return until any incomplete asynchronous send
     * operations for this MessageProducer have been completed and any CompletionListener callbacks have
     * returned." Tern's producer close returns at once.
     */
    @TransportTest
    void producerCloseWaitsForCompletionListenerCallbacks() throws Exception {
        Connection connection = broker.factory.createConnection();
        try {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("q"));
            CountDownLatch inCallback = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean callbackReturned = new AtomicBoolean();
            producer.send(session.createTextMessage("async"), new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    inCallback.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    callbackReturned.set(true);
                }

                @Override
                public void onException(Message message, Exception exception) {
                    onCompletion(message);
                }
            });
            assertThat(inCallback.await(5, TimeUnit.SECONDS)).isTrue();

            Thread main = Thread.currentThread();
            AtomicBoolean closeReturned = new AtomicBoolean();
            CompletableFuture<Void> releaser = CompletableFuture.runAsync(() -> {
                await().atMost(Duration.ofSeconds(5)).until(() -> closeReturned.get() || blocked(main));
                release.countDown();
            });
            producer.close();
            closeReturned.set(true);
            boolean returnedBeforeClose = callbackReturned.get();
            release.countDown();
            releaser.get(10, TimeUnit.SECONDS);
            assertThat(returnedBeforeClose).as("callback returned before producer.close() returned").isTrue();
        } finally {
            connection.close();
        }
    }
}
