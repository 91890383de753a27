package dev.tern.jms.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.jms.TernConnectionFactory;
import dev.tern.jms.testing.ChildJvm;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash right after a durable subscriber acknowledged messages that a non-durable subscriber of the same
 * topic still held in memory: after the restart on the same journal, new persistent sends are stored (their
 * IDs do not collide with anything the journal kept) and the acknowledged messages stay consumed.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AcknowledgedTopicCrashTest {

    @TempDir
    Path dataDir;

    @Test
    void afterAHaltPersistentSendsSucceedAndAcknowledgedMessagesStayConsumed() throws Exception {
        String url = "vm://acked-topic?broker.dataDir=" + dataDir.toAbsolutePath();
        List<String> report = new CopyOnWriteArrayList<>();
        try (ChildJvm child = ChildJvm.start(TopicAcknowledgingClient.class, List.of(), report::add, url)) {
            assertThat(child.awaitExit(Duration.ofMinutes(2))).as("halted after acknowledging")
                    .isEqualTo(TopicAcknowledgingClient.HALTED);
        }
        assertThat(report).containsExactly("ACKED " + TopicAcknowledgingClient.MESSAGES);

        try (Connection connection = new TernConnectionFactory(url).createConnection()) {
            connection.setClientID(TopicAcknowledgingClient.CLIENT_ID);
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("after.crash"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < 2 * TopicAcknowledgingClient.MESSAGES; i++) {
                producer.send(session.createTextMessage("new " + i));
            }
            connection.start();

            assertThat(drain(session.createConsumer(session.createQueue("after.crash"))))
                    .as("every send after the restart is stored").hasSize(2 * TopicAcknowledgingClient.MESSAGES);
            assertThat(drain(session.createDurableSubscriber(session.createTopic(TopicAcknowledgingClient.TOPIC),
                    TopicAcknowledgingClient.SUBSCRIPTION))).as("acknowledged messages do not come back").isEmpty();
        }
    }

    private static List<String> drain(MessageConsumer consumer) throws Exception {
        List<String> bodies = new ArrayList<>();
        TextMessage message;
        while ((message = (TextMessage) consumer.receive(1_000)) != null) {
            bodies.add(message.getText());
        }
        return bodies;
    }
}
