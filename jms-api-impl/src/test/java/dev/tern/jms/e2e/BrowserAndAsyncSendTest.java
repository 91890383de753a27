package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class BrowserAndAsyncSendTest {

    private TestBroker broker;
    private Connection connection;
    private Session session;
    private Queue queue;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        broker = new TestBroker(transport);
        connection = broker.startedConnection();
        session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue("browse");
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    @TransportTest
    void browserShowsWaitingMessagesInDeliveryOrderAndConsumesNothing() throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("low"), jakarta.jms.DeliveryMode.PERSISTENT, 1, 0);
        producer.send(session.createTextMessage("high"), jakarta.jms.DeliveryMode.PERSISTENT, 9, 0);
        producer.send(session.createTextMessage("normal"));

        QueueBrowser browser = session.createBrowser(queue);
        assertThat(texts(browser)).containsExactly("high", "normal", "low");
        assertThat(texts(browser)).as("a second look sees the same").containsExactly("high", "normal", "low");
        assertThat(browser.getQueue()).isEqualTo(queue);
        assertThat(QueueAndTopicTest.drain(session.createConsumer(queue))).containsExactly("high", "normal", "low");
        assertThat(texts(browser)).isEmpty();
        browser.close();
        assertThatThrownBy(browser::getEnumeration).isInstanceOf(IllegalStateException.class);
    }

    @TransportTest
    void browsedMessagesAreReadOnlyCopies() throws JMSException {
        session.createProducer(queue).send(session.createTextMessage("look"));
        TextMessage seen = (TextMessage) session.createBrowser(queue).getEnumeration().nextElement();
        assertThatThrownBy(() -> seen.setText("changed")).isInstanceOf(jakarta.jms.MessageNotWriteableException.class);
        assertThat(((TextMessage) session.createConsumer(queue).receive(1000)).getText()).isEqualTo("look");
    }

    @TransportTest
    void asyncSendCallsBackInSendOrderAfterTheBrokerHasTheMessage() throws Exception {
        MessageProducer producer = session.createProducer(queue);
        List<String> completed = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(50);
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    completed.add(((TextMessage) message).getText());
                } catch (JMSException e) {
                    throw new java.lang.IllegalStateException(e);
                }
                all.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                all.countDown();
            }
        };
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String body = "m" + i;
            sent.add(body);
            producer.send(session.createTextMessage(body), i % 2 == 0 ? jakarta.jms.DeliveryMode.PERSISTENT
                    : jakarta.jms.DeliveryMode.NON_PERSISTENT, 4, 0, listener);
        }
        assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(completed).containsExactlyElementsOf(sent);
        assertThat(QueueAndTopicTest.drain(session.createConsumer(queue))).containsExactlyElementsOf(sent);
    }

    @TransportTest
    void asyncSendFailureReachesOnException() throws Exception {
        Queue temporary = session.createTemporaryQueue();
        ((jakarta.jms.TemporaryQueue) temporary).delete();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        session.createProducer(temporary).send(session.createTextMessage("x"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                done.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                failure.set(exception);
                done.countDown();
            }
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(failure.get()).isInstanceOf(jakarta.jms.InvalidDestinationException.class);
    }

    @TransportTest
    void callbackMustNotCloseOrCommitItsOwnSession() throws Exception {
        Session transacted = connection.createSession(Session.SESSION_TRANSACTED);
        MessageProducer producer = transacted.createProducer(queue);
        List<Exception> refusals = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        producer.send(transacted.createTextMessage("x"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                tryTo(transacted::commit);
                tryTo(transacted::rollback);
                tryTo(transacted::close);
                tryTo(producer::close);
                tryTo(connection::close);
                done.countDown();
            }

            private void tryTo(ThrowingAction action) {
                try {
                    action.run();
                } catch (Exception e) {
                    refusals.add(e);
                }
            }

            @Override
            public void onException(Message message, Exception exception) {
                done.countDown();
            }
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(refusals).hasSize(5).allMatch(e -> e instanceof IllegalStateException);
        transacted.commit();
        assertThat(session.createConsumer(queue).receive(1000)).isNotNull();
    }

    @TransportTest
    void jmsProducerSetAsyncSendsWithoutBlocking() throws Exception {
        CountDownLatch completed = new CountDownLatch(1);
        try (JMSContext context = broker.factory.createContext()) {
            context.createProducer().setAsync(new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    completed.countDown();
                }

                @Override
                public void onException(Message message, Exception exception) {
                }
            }).send(queue, "async");
            assertThat(completed.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(context.createConsumer(queue).receiveBody(String.class, 1000)).isEqualTo("async");
        }
    }

    @TransportTest
    void sessionCloseWaitsForAsyncSendsToComplete() throws Exception {
        Session sending = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = sending.createProducer(queue);
        List<String> completed = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 20; i++) {
            producer.send(sending.createTextMessage("m" + i), new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    completed.add("done");
                }

                @Override
                public void onException(Message message, Exception exception) {
                }
            });
        }
        sending.close();
        assertThat(completed).hasSize(20);
    }

    @FunctionalInterface
    private interface ThrowingAction {
        void run() throws Exception;
    }

    private static List<String> texts(QueueBrowser browser) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (Object message : Collections.list(browser.getEnumeration())) {
            texts.add(((TextMessage) message).getText());
        }
        return texts;
    }
}
