package dev.tern.jms.e2e;

import static dev.tern.jms.e2e.QueueAndTopicTest.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tern.jms.TernConnection;
import dev.tern.protocol.QueueStatistics;
import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * An operator's actions on a queue through {@link TernConnection}, as {@code tern queue} and the console use
 * them: pause and resume, remove and move messages, and the counters {@code tern queue list} shows.
 */
@Timeout(60)
class QueueManagementTest {

    private static final long NOTHING_MILLIS = 300;
    private static final long ARRIVES_MILLIS = 5_000;

    private TestBroker broker;
    private Connection connection;
    private TernConnection admin;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        broker = new TestBroker(transport);
        connection = broker.startedConnection();
        admin = (TernConnection) connection;
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    private void send(String queue, String... texts) throws JMSException {
        try (Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            for (String text : texts) {
                TextMessage message = session.createTextMessage(text);
                message.setStringProperty("region", text.startsWith("eu") ? "eu" : "us");
                producer.send(message);
            }
        }
    }

    private QueueStatistics statistics(String queue) throws JMSException {
        return admin.queueStatistics().stream().filter(q -> q.name().equals(queue)).findFirst().orElseThrow();
    }

    @TransportTest
    void aPausedQueueTakesMessagesAndDeliversThemOnlyOnceResumed() throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));
        CountDownLatch arrived = new CountDownLatch(2);
        consumer.setMessageListener(message -> arrived.countDown());
        admin.pauseQueue("orders");

        send("orders", "one", "two");

        assertThat(arrived.await(NOTHING_MILLIS, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(statistics("orders").paused()).isTrue();
        assertThat(statistics("orders").messageCount()).isEqualTo(2);
        admin.resumeQueue("orders");
        assertThat(arrived.await(ARRIVES_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(statistics("orders").paused()).isFalse();
    }

    @TransportTest
    void receiveFromAPausedQueueGetsNothingAndBrowsingStillShowsTheMessages() throws Exception {
        send("orders", "one");
        admin.pauseQueue("orders");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));

        assertThat(consumer.receiveNoWait()).isNull();
        assertThat(consumer.receive(NOTHING_MILLIS)).isNull();
        assertThat(session.createBrowser(session.createQueue("orders")).getEnumeration().hasMoreElements()).isTrue();
        admin.resumeQueue("orders");
        assertThat(((TextMessage) consumer.receive(ARRIVES_MILLIS)).getText()).isEqualTo("one");
    }

    @TransportTest
    void removeTakesOneMessageByIdOrThoseASelectorPicks() throws Exception {
        send("orders", "eu-1", "us-1", "eu-2", "us-2");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Message first = (Message) session.createBrowser(session.createQueue("orders")).getEnumeration().nextElement();

        assertThat(admin.removeMessages("orders", "JMSMessageID = '" + first.getJMSMessageID() + "'")).isEqualTo(1);
        assertThat(admin.removeMessages("orders", "region = 'us'")).isEqualTo(2);

        assertThat(drain(session.createConsumer(session.createQueue("orders")))).containsExactly("eu-2");
        assertThat(statistics("orders").dequeuedCount()).isEqualTo(4);
    }

    @TransportTest
    void removeWithoutASelectorEmptiesTheQueue() throws Exception {
        send("orders", "one", "two", "three");
        assertThat(admin.removeMessages("orders", null)).isEqualTo(3);
        assertThat(broker.messageCount("orders")).isZero();
    }

    @TransportTest
    void moveTakesTheSelectedMessagesToAnotherQueueInOrder() throws Exception {
        send("orders", "eu-1", "us-1", "eu-2");

        assertThat(admin.moveMessages("orders", "region = 'eu'", "orders.eu")).isEqualTo(2);

        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer moved = session.createConsumer(session.createQueue("orders.eu"));
        assertThat(drain(moved)).containsExactly("eu-1", "eu-2");
        assertThat(drain(session.createConsumer(session.createQueue("orders")))).containsExactly("us-1");
    }

    @TransportTest
    void movedMessagesKeepTheirPropertiesAndAreNamedForTheirNewQueue() throws Exception {
        send("orders", "eu-1");
        admin.moveMessages("orders", null, "review");

        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Message message = session.createConsumer(session.createQueue("review")).receive(ARRIVES_MILLIS);
        assertThat(message.getStringProperty("region")).isEqualTo("eu");
        assertThat(message.getJMSDestination().toString()).contains("review");
        assertThat(message.getJMSRedelivered()).isFalse();
    }

    @TransportTest
    void badRequestsGetTypedErrorsAndChangeNothing() throws Exception {
        send("orders", "one");

        assertThatThrownBy(() -> admin.pauseQueue("nowhere")).isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("nowhere");
        assertThatThrownBy(() -> admin.removeMessages("orders", "region = = 'x'"))
                .isInstanceOf(InvalidSelectorException.class);
        assertThatThrownBy(() -> admin.moveMessages("orders", null, "orders"))
                .isInstanceOf(InvalidDestinationException.class);
        assertThat(broker.messageCount("orders")).isEqualTo(1);
    }

    @TransportTest
    void statisticsCountMessagesInFlightAndThoseThatLeft() throws Exception {
        send("work", "one", "two", "three");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue("work"));
        Message first = consumer.receive(ARRIVES_MILLIS);
        assertThat(first).isNotNull();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            QueueStatistics work = statistics("work");
            assertThat(work.enqueuedCount()).isEqualTo(3);
            assertThat(work.messageCount() + work.inFlightCount()).isEqualTo(3);
            assertThat(work.inFlightCount()).isPositive();
            assertThat(work.dequeuedCount()).isZero();
            assertThat(work.consumerCount()).isEqualTo(1);
        });
        drain(consumer);
        first.acknowledge();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            QueueStatistics work = statistics("work");
            assertThat(work.dequeuedCount()).isEqualTo(3);
            assertThat(work.messageCount()).isZero();
            assertThat(work.inFlightCount()).isZero();
        });
    }
}
