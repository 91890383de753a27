package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.jms.TernMessageConsumer;
import dev.tern.protocol.TernProperties;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** The stop signal: consumers finish what came before it and stop; the signal stays for the next one. */
@Timeout(60)
class StopSignalTest {

    /** Long enough that a consumer which did not stop would fail the test's bounded wait. */
    private static final long LONG_RECEIVE_MILLIS = 30_000;

    private TestBroker broker;
    private Connection connection;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        broker = new TestBroker(transport);
        connection = broker.startedConnection();
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    private void sendJobsThenStopThenMore(Queue queue) throws JMSException {
        sendJobsThenStop(queue, true);
    }

    private void sendJobsThenStop(Queue queue, boolean thenMore) throws JMSException {
        try (Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(queue);
            for (int i = 0; i < 10; i++) {
                producer.send(session.createTextMessage("job " + i));
            }
            Message stop = session.createMessage();
            stop.setBooleanProperty(TernProperties.STOP, true);
            producer.send(stop);
            if (thenMore) {
                producer.send(session.createTextMessage("after 1"));
                producer.send(session.createTextMessage("after 2"));
            }
        }
    }

    /** Receives until receive returns null, the way a worker loop does. */
    private CompletableFuture<List<String>> worker(Queue queue, List<TernMessageConsumer> consumers) throws JMSException {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        TernMessageConsumer consumer = (TernMessageConsumer) session.createConsumer(queue);
        consumers.add(consumer);
        return CompletableFuture.supplyAsync(() -> {
            List<String> done = new CopyOnWriteArrayList<>();
            try {
                Message message;
                while ((message = consumer.receive(LONG_RECEIVE_MILLIS)) != null) {
                    done.add(((TextMessage) message).getText());
                }
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
            return done;
        });
    }

    @TransportTest
    void everyConsumerFinishesTheMessagesBeforeTheSignalAndStops() throws Exception {
        Queue queue = connection.createSession(Session.AUTO_ACKNOWLEDGE).createQueue("jobs");
        List<TernMessageConsumer> consumers = new CopyOnWriteArrayList<>();
        CompletableFuture<List<String>> first = worker(queue, consumers);
        CompletableFuture<List<String>> second = worker(queue, consumers);

        sendJobsThenStop(queue, false);

        List<String> done = new CopyOnWriteArrayList<>(first.get(10, TimeUnit.SECONDS));
        done.addAll(second.get(10, TimeUnit.SECONDS));
        assertThat(done).containsExactlyInAnyOrder("job 0", "job 1", "job 2", "job 3", "job 4", "job 5", "job 6",
                "job 7", "job 8", "job 9");
        assertThat(consumers).allMatch(TernMessageConsumer::isStopped);
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.messageCount("jobs") == 1);
    }

    @TransportTest
    void aListenerIsCalledNoMoreAfterTheSignalAndTheConsumerSaysItStopped() throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("jobs");
        TernMessageConsumer consumer = (TernMessageConsumer) session.createConsumer(queue);
        List<String> heard = new CopyOnWriteArrayList<>();
        consumer.setMessageListener(message -> {
            try {
                heard.add(((TextMessage) message).getText());
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });

        sendJobsThenStopThenMore(queue);

        await().atMost(Duration.ofSeconds(10)).until(consumer::isStopped);
        assertThat(heard).hasSize(10).allMatch(text -> text.startsWith("job "));
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.messageCount("jobs") == 3);
    }

    @TransportTest
    void aConsumerSelectingTheSignalRemovesItAndTheQueueFlowsAgain() throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("jobs");
        sendJobsThenStopThenMore(queue);
        MessageConsumer worker = session.createConsumer(queue);
        for (int i = 0; i < 10; i++) {
            assertThat(worker.receive(5_000)).isNotNull();
        }
        assertThat(worker.receive(5_000)).isNull();

        MessageConsumer remover = session.createConsumer(queue, TernProperties.STOP + " = TRUE");
        assertThat(remover.receive(5_000).getBooleanProperty(TernProperties.STOP)).isTrue();
        remover.close();

        MessageConsumer next = session.createConsumer(queue);
        assertThat(((TextMessage) next.receive(5_000)).getText()).isEqualTo("after 1");
        assertThat(((TextMessage) next.receive(5_000)).getText()).isEqualTo("after 2");
    }
}
