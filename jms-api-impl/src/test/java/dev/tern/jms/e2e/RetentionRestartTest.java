package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retained persistent messages survive a restart of a persistent broker and can be replayed, into new
 * subscriptions and into a durable subscription re-attached with a replay; retained non-persistent ones do
 * not. vm:// only, restarting through the embedded broker's lifecycle. The log keeps persistent messages
 * on disk only, so replay reads them back from the journal; durable subscriptions page beyond 20.
 */
@Timeout(60)
class RetentionRestartTest {

    @TempDir
    Path dataDir;

    private String name;
    private TernConnectionFactory factory;

    @BeforeEach
    void setUp() {
        name = "retention-" + UUID.randomUUID().toString().substring(0, 8);
        factory = new TernConnectionFactory("vm://" + name + "?broker.dataDir=" + dataDir.toAbsolutePath()
                + "&broker.policy.news.retentionMillis=-1&broker.policy.news.retentionMessages=100"
                + "&broker.policy.news.maxMessages=20");
    }

    private static List<String> drain(MessageConsumer consumer) throws JMSException {
        List<String> bodies = new ArrayList<>();
        Message message;
        while ((message = consumer.receive(500)) != null) {
            bodies.add(((TextMessage) message).getText());
        }
        return bodies;
    }

    private static List<String> texts(int from, int to) {
        List<String> texts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            texts.add("m" + i);
        }
        return texts;
    }

    @Test
    void retainedPersistentMessagesAreReplayableAfterARestart() throws JMSException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = factory.createConnection()) {
            connection.setClientID("auditor");
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            Topic news = session.createTopic("news");
            MessageConsumer audit = session.createDurableSubscriber(news, "audit");
            MessageProducer publisher = session.createProducer(news);
            for (int i = 0; i < 120; i++) {
                TextMessage message = session.createTextMessage("m" + i);
                publisher.send(message);
                ids.add(message.getJMSMessageID());
            }
            publisher.send(session.createTextMessage("fleeting"), DeliveryMode.NON_PERSISTENT, 4, 0);
            connection.start();
            assertThat(drain(audit)).hasSize(121);
        }
        assertThat(EmbeddedBrokers.find(name)).as("stopped with its last connection").isEmpty();

        try (Connection connection = factory.createConnection()) {
            connection.setClientID("auditor");
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            assertThat(EmbeddedBrokers.find(name).orElseThrow().retainedCount("news"))
                    .as("the newest 100 messages, less the non-persistent one, kept in memory only").hasValue(99);
            connection.start();

            MessageConsumer all = session.createConsumer(session.createTopic("news?consumer.replayFrom=beginning"));
            assertThat(drain(all)).containsExactlyElementsOf(texts(21, 120));

            MessageConsumer audit = session.createDurableSubscriber(
                    session.createTopic("news?consumer.replayFrom=" + ids.get(110)), "audit");
            assertThat(drain(audit)).containsExactlyElementsOf(texts(110, 120));
        }

        try (Connection connection = factory.createConnection()) {
            connection.setClientID("auditor");
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            connection.start();
            MessageConsumer audit = session.createDurableSubscriber(session.createTopic("news"), "audit");
            assertThat(audit.receive(300)).as("the replay was consumed before the second restart").isNull();
        }
    }
}
