package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.Broker;
import dev.tern.broker.core.MessageQueue;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paging: a persistent broker keeps only a queue's limits' worth of messages in memory and the rest in
 * its journal, reads them back in order as consumers go, and keeps them across restarts. vm:// only,
 * with restarts through the embedded broker's lifecycle; paging happens behind the transport.
 */
@Timeout(120)
class PagingTest {

    @TempDir
    Path dataDir;

    private String name;
    private TernConnectionFactory factory;

    @BeforeEach
    void setUp() {
        name = "paging-" + UUID.randomUUID().toString().substring(0, 8);
        factory = new TernConnectionFactory("vm://" + name + "?broker.dataDir=" + dataDir.toAbsolutePath()
                + "&broker.policy.deep.>.maxMessages=100&broker.policy.news.maxMessages=20");
    }

    @Test
    void aDeepQueueKeepsOnlyItsLimitInMemoryAndDrainsInOrder() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            send(session, "deep.orders", 3_000, 100);
            MessageQueue queue = broker().postOffice().queue("deep.orders");
            assertThat(queue.messageCount()).isEqualTo(3_000);
            assertThat(queue.messageCount() - queue.pagedCount()).as("in memory").isLessThanOrEqualTo(100);
            try (QueueBrowser browser = session.createBrowser(session.createQueue("deep.orders"))) {
                assertThat(Collections.list(browser.getEnumeration())).hasSize(3_000);
            }

            connection.start();
            assertThat(receive(session, "deep.orders", 3_000)).containsExactlyElementsOf(texts(0, 3_000));
            assertThat(queue.messageCount()).isZero();
        }
    }

    @Test
    void pagedMessagesSurviveARestartAndAcknowledgedOnesDoNotComeBack() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            send(session, "deep.audit", 500, 50);
            connection.start();
            assertThat(receive(session, "deep.audit", 120)).containsExactlyElementsOf(texts(0, 120));
        }
        assertThat(EmbeddedBrokers.find(name)).as("stopped with its last connection").isEmpty();

        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            assertThat(broker().postOffice().queue("deep.audit").pagedCount()).as("restored on disk").isEqualTo(380);
            connection.start();
            assertThat(receive(session, "deep.audit", 380)).containsExactlyElementsOf(texts(120, 500));
            MessageConsumer consumer = session.createConsumer(session.createQueue("deep.audit"));
            assertThat(consumer.receive(200)).isNull();
        }
    }

    @Test
    void durableSubscriptionsOfOneTopicPageTheSameMessagesIndependently() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.setClientID("pager");
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            Topic news = session.createTopic("news");
            MessageConsumer fast = session.createDurableSubscriber(news, "fast");
            MessageConsumer slow = session.createDurableSubscriber(news, "slow");
            MessageProducer publisher = session.createProducer(news);
            for (int i = 0; i < 200; i++) {
                publisher.send(session.createTextMessage("m" + i));
            }
            session.commit();
            connection.start();
            assertThat(drain(session, fast, 200)).containsExactlyElementsOf(texts(0, 200));
            assertThat(drain(session, slow, 100)).containsExactlyElementsOf(texts(0, 100));
        }
        try (Connection connection = factory.createConnection()) {
            connection.setClientID("pager");
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            Topic news = session.createTopic("news");
            MessageConsumer fast = session.createDurableSubscriber(news, "fast");
            MessageConsumer slow = session.createDurableSubscriber(news, "slow");
            connection.start();
            assertThat(drain(session, slow, 100)).containsExactlyElementsOf(texts(100, 200));
            assertThat(fast.receive(200)).isNull();
            assertThat(slow.receive(200)).isNull();
        }
    }

    private Broker broker() {
        return EmbeddedBrokers.find(name).orElseThrow();
    }

    private static void send(Session session, String queue, int count, int batch) throws JMSException {
        MessageProducer producer = session.createProducer(session.createQueue(queue));
        for (int i = 0; i < count; i++) {
            producer.send(session.createTextMessage("m" + i));
            if ((i + 1) % batch == 0) {
                session.commit();
            }
        }
        session.commit();
    }

    private static List<String> receive(Session session, String queue, int count) throws JMSException {
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        try {
            return drain(session, consumer, count);
        } finally {
            consumer.close();
        }
    }

    /** Receives and commits {@code count} messages, in batches of 50. */
    private static List<String> drain(Session session, MessageConsumer consumer, int count) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = consumer.receive(10_000);
            assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
            texts.add(((TextMessage) message).getText());
            if ((i + 1) % 50 == 0) {
                session.commit();
            }
        }
        session.commit();
        return texts;
    }

    private static List<String> texts(int from, int to) {
        List<String> texts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            texts.add("m" + i);
        }
        return texts;
    }
}
