package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tern.jms.TernConnection;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * Producer flow control: a destination whose policy limits what it holds makes senders wait (BLOCK),
 * fail at once (FAIL) or lose its oldest messages (DROP_OLDEST), and a blocked send that waits too long
 * fails with ResourceAllocationException without storing anything.
 */
@Timeout(60)
class FlowControlTest {

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
    void aSendToAFullQueueWaitsUntilAConsumerMakesRoom() throws Exception {
        limit("limited", 3, "BLOCK");
        Queue queue = session.createQueue("limited");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 3; i++) {
            producer.send(session.createTextMessage("m" + i));
        }

        CompletableFuture<Void> fourth = CompletableFuture.runAsync(() -> sendQuietly(producer, "m3"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !fourth.isDone());
        assertThat(broker.messageCount("limited")).isEqualTo(3);

        MessageConsumer consumer = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        fourth.get(10, TimeUnit.SECONDS);
        assertThat(receiveTexts(consumer, 4)).containsExactly("m0", "m1", "m2", "m3");
    }

    @TransportTest
    void aSendBlockedLongerThanTheTimeoutFailsAndStoresNothing() throws Exception {
        limit("limited", 1, "BLOCK");
        broker.broker().setPolicy("limited", "blockTimeoutMillis", "200");
        Queue queue = session.createQueue("limited");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("kept"));

        assertThatThrownBy(() -> producer.send(session.createTextMessage("refused")))
                .isInstanceOf(ResourceAllocationException.class)
                .hasMessageContaining("blockTimeoutMillis");

        assertThat(broker.messageCount("limited")).isEqualTo(1);
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(receiveTexts(consumer, 1)).containsExactly("kept");
        assertThat(consumer.receive(200)).isNull();
        producer.send(session.createTextMessage("after"));
        assertThat(receiveTexts(consumer, 1)).containsExactly("after");
    }

    @TransportTest
    void closingTheConnectionFailsASendBlockedOnAFullQueueAtOnce() throws Exception {
        limit("limited", 1, "BLOCK");
        broker.broker().setPolicy("limited", "blockTimeoutMillis", "60000");
        Connection closing = broker.connection();
        Session sending = closing.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = sending.createProducer(sending.createQueue("limited"));
        producer.send(sending.createTextMessage("kept"));
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
            try {
                producer.send(sending.createTextMessage("blocked"));
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !blocked.isDone());

        CompletableFuture<Void> close = CompletableFuture.runAsync(() -> {
            try {
                closing.close();
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(close).succeedsWithin(Duration.ofSeconds(5));
        assertThat(blocked).failsWithin(Duration.ofSeconds(5));
        assertThat(broker.messageCount("limited")).isEqualTo(1);
    }

    @TransportTest
    void theFailPolicyRefusesAtOnceInBothApis() throws Exception {
        limit("strict.>", 1, "FAIL");
        Queue queue = session.createQueue("strict.orders");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("one"));

        assertThatThrownBy(() -> producer.send(session.createTextMessage("two")))
                .isInstanceOf(ResourceAllocationException.class)
                .hasMessageContaining("strict.orders");
        try (JMSContext context = broker.factory.createContext()) {
            assertThatThrownBy(() -> context.createProducer().send(context.createQueue("strict.orders"), "three"))
                    .isInstanceOf(ResourceAllocationRuntimeException.class);
        }
        assertThat(broker.messageCount("strict.orders")).isEqualTo(1);
        assertThat(broker.messageCount("strict.other")).isZero();
        session.createProducer(session.createQueue("unlimited")).send(session.createTextMessage("fine"));
    }

    @TransportTest
    void theDropOldestPolicyKeepsTheNewestMessages() throws Exception {
        limit("ticker", 2, "DROP_OLDEST");
        Queue queue = session.createQueue("ticker");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 5; i++) {
            producer.send(session.createTextMessage("price" + i));
        }

        assertThat(receiveTexts(session.createConsumer(queue), 2)).containsExactly("price3", "price4");
    }

    @TransportTest
    void aSlowTopicSubscriberHoldsBackThePublisher() throws Exception {
        limit("news", 2, "BLOCK");
        Topic topic = session.createTopic("news");
        Session slowSession = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer slow = slowSession.createConsumer(topic);
        MessageProducer publisher = session.createProducer(topic);
        // More than the subscriber's prefetch window and its queue's limit together.
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 2_000; i++) {
                sendQuietly(publisher, "n" + i);
            }
        });
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> !publishing.isDone());

        List<String> received = receiveTexts(slow, 2_000);
        publishing.get(20, TimeUnit.SECONDS);
        assertThat(received).hasSize(2_000).startsWith("n0", "n1").endsWith("n1999");
    }

    @TransportTest
    void aTransactedSendWaitsForRoomAndCommitsWithTheRest() throws Exception {
        limit("orders", 1, "BLOCK");
        Queue queue = session.createQueue("orders");
        session.createProducer(queue).send(session.createTextMessage("first"));
        Session transacted = connection.createSession(Session.SESSION_TRANSACTED);
        MessageProducer producer = transacted.createProducer(queue);

        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            sendQuietly(producer, "second");
            try {
                transacted.commit();
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !sending.isDone());
        MessageConsumer consumer = session.createConsumer(queue);

        assertThat(receiveTexts(consumer, 2)).containsExactly("first", "second");
        sending.get(10, TimeUnit.SECONDS);
    }

    @TransportTest
    void anAsynchronousSendCompletesWhenRoomIsMade() throws Exception {
        limit("async", 1, "BLOCK");
        Queue queue = session.createQueue("async");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("first"));
        CountDownLatch completed = new CountDownLatch(1);
        List<Exception> failures = new CopyOnWriteArrayList<>();

        producer.send(session.createTextMessage("second"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                completed.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                failures.add(exception);
                completed.countDown();
            }
        });
        assertThat(completed.await(300, TimeUnit.MILLISECONDS)).as("held while the queue is full").isFalse();
        MessageConsumer consumer = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);

        assertThat(completed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        assertThat(receiveTexts(consumer, 2)).containsExactly("first", "second");
    }

    @TransportTest
    void aBadPolicyIsRefusedWithItsNameAndChangesNothing() throws Exception {
        TernConnection admin = (TernConnection) connection;

        assertThatThrownBy(() -> admin.setPolicy("orders", "fullPolicy", "PANIC"))
                .isInstanceOf(JMSException.class).hasMessageContaining("fullPolicy").hasMessageContaining("BLOCK");
        assertThatThrownBy(() -> admin.setPolicy("orders", "maxMesages", "1"))
                .isInstanceOf(JMSException.class).hasMessageContaining("maxMesages");
        assertThatThrownBy(() -> new TernConnectionFactory("vm://bad-policy?broker.persistent=false"
                + "&broker.policy.orders.maxBytes=lots").createConnection())
                .isInstanceOf(JMSException.class).hasMessageContaining("maxBytes");

        assertThat(broker.broker().policies().describe()).isEmpty();
        MessageProducer producer = session.createProducer(session.createQueue("orders"));
        producer.send(session.createTextMessage("still accepted"));
        assertThat(broker.messageCount("orders")).isEqualTo(1);
    }

    /** Gives the destinations a pattern matches a message limit and what to do at it. */
    private void limit(String pattern, int maxMessages, String fullPolicy) {
        broker.broker().setPolicy(pattern, "maxMessages", String.valueOf(maxMessages));
        broker.broker().setPolicy(pattern, "fullPolicy", fullPolicy);
    }

    /** Sends from a helper thread; the producer's session is used by that thread only meanwhile. */
    private void sendQuietly(MessageProducer producer, String text) {
        try {
            producer.send(session.createTextMessage(text));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> receiveTexts(MessageConsumer consumer, int count) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = consumer.receive(10_000);
            assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
            texts.add(((TextMessage) message).getText());
        }
        return texts;
    }
}
