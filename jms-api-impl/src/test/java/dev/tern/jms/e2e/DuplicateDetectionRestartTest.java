package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import dev.tern.jms.TernProperties;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The duplicate ID window survives a restart of a persistent broker (vm://, stopped with its last connection). */
@Timeout(60)
class DuplicateDetectionRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void idsSentBeforeARestartAreStillDuplicatesAfterIt() throws JMSException {
        String name = "dup-restart-" + UUID.randomUUID().toString().substring(0, 8);
        String url = "vm://" + name + "?broker.dataDir=" + dataDir.toAbsolutePath()
                + "&broker.policy.orders.duplicateIdWindow=3";
        TernConnectionFactory factory = new TernConnectionFactory(url);
        send(factory, "1", "2", "3", "4");
        assertThat(EmbeddedBrokers.find(name)).as("stopped with its last connection").isEmpty();

        send(factory, "2", "3", "4", "1", "5");
        assertThat(receiveAll(factory)).as("2, 3, 4 remembered; 1 was outside the window of 3")
                .containsExactly("1", "2", "3", "4", "1", "5");

        send(factory, "1", "4", "5", "6");
        assertThat(receiveAll(factory)).containsExactly("6");
    }

    private static void send(TernConnectionFactory factory, String... ids) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("orders"));
            for (String id : ids) {
                TextMessage message = session.createTextMessage(id);
                message.setStringProperty(TernProperties.DUPLICATE_ID, id);
                producer.send(message);
            }
        }
    }

    private static List<String> receiveAll(TernConnectionFactory factory) throws JMSException {
        List<String> bodies = new ArrayList<>();
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));
            connection.start();
            TextMessage message;
            while ((message = (TextMessage) consumer.receive(500)) != null) {
                bodies.add(message.getText());
            }
        }
        return bodies;
    }
}
