package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.BrokerException;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The broker's administrative deletes take destinations away with their messages, also from the journal. */
@Timeout(60)
class AdminDeleteTest {

    @TempDir
    Path dataDir;

    private final String name = "admin-" + UUID.randomUUID().toString().substring(0, 8);
    private Broker broker;
    private TernConnectionFactory factory;

    @BeforeEach
    void start() {
        broker = EmbeddedBrokers.start(BrokerConfig.named(name).withDataDir(dataDir));
        factory = new TernConnectionFactory("vm://" + name);
        factory.setClientID("admin-test");
    }

    @AfterEach
    void stop() {
        EmbeddedBrokers.stop(name);
    }

    @Test
    void deleteQueueDiscardsItsMessagesForGood() {
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("doomed");
            context.createProducer().send(queue, "old");

            assertThat(broker.deleteQueue("doomed")).isTrue();

            assertThat(broker.messageCount("doomed")).isEmpty();
            context.createProducer().send(queue, "new");
            assertThat(context.createConsumer(queue).receiveBody(String.class, 5_000)).isEqualTo("new");
        }
        EmbeddedBrokers.stop(name);
        broker = EmbeddedBrokers.start(BrokerConfig.named(name).withDataDir(dataDir));
        assertThat(broker.messageCount("doomed")).as("the consumed 'new' was the last message").hasValue(0);
    }

    @Test
    void deleteQueueRefusesWhileConsumersListenAndIgnoresUnknownNames() {
        try (JMSContext context = factory.createContext()) {
            context.createConsumer(context.createQueue("busy"));

            assertThatThrownBy(() -> broker.deleteQueue("busy")).isInstanceOf(BrokerException.class)
                    .hasMessageContaining("busy");
            assertThat(broker.deleteQueue("never-made")).isFalse();
        }
    }

    @Test
    void deleteTopicRemovesDurableSubscriptionsAndTheirMessages() {
        try (JMSContext context = factory.createContext()) {
            Topic topic = context.createTopic("news");
            context.createDurableConsumer(topic, "reader").close();
            context.createProducer().send(topic, "stale");

            assertThat(broker.deleteTopic("news")).isEqualTo(1);

            JMSConsumer reader = context.createDurableConsumer(topic, "reader");
            assertThat(reader.receive(300)).isNull();
            assertThatThrownBy(() -> broker.deleteTopic("news")).isInstanceOf(BrokerException.class);
        }
    }
}
