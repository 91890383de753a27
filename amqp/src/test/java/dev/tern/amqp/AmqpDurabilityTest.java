package dev.tern.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Persistent messages and durable subscriptions across a broker restart, and several connections at once. */
class AmqpDurabilityTest extends AmqpBrokerSupport {

    @TempDir
    Path dataDir;

    private void startPersistent(String brokerName) {
        name = brokerName;
        broker = EmbeddedBrokers.start(BrokerConfig.named(brokerName).withPersistent(true).withDataDir(dataDir)
                .withProtocol("amqp", TcpSettings.onPort(0).withHost("127.0.0.1")));
    }

    @Test
    void aDurableSubscriptionAndAPersistentQueueMessageSurviveABrokerRestart() throws Exception {
        String brokerName = "amqp-restart-" + UUID.randomUUID().toString().substring(0, 8);
        startPersistent(brokerName);
        try (Connection connection = qpid().createConnection()) {
            connection.setClientID("restart-client");
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("events");
            session.createDurableSubscriber(topic, "keeper").close();
            MessageProducer producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(topic, session.createTextMessage("published"));
            producer.send(session.createQueue("kept"), session.createTextMessage("queued"));
        }
        EmbeddedBrokers.stop(brokerName);
        startPersistent(brokerName);
        try (Connection connection = qpid().createConnection()) {
            connection.setClientID("restart-client");
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer subscriber = session.createDurableSubscriber(session.createTopic("events"), "keeper");
            assertThat(((TextMessage) subscriber.receive(5_000)).getText()).isEqualTo("published");
            assertThat(((TextMessage) session.createConsumer(session.createQueue("kept")).receive(5_000)).getText())
                    .isEqualTo("queued");
            subscriber.close();
            session.unsubscribe("keeper");
        }
    }

    @Test
    void severalProducerAndConsumerConnectionsShareAQueueWithoutLossOrDuplicates() throws Exception {
        startBroker();
        int producers = 4;
        int perProducer = 250;
        int expected = producers * perProducer;
        java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(producers + 2);
        try {
            List<Future<Set<String>>> consumed = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                consumed.add(pool.submit(() -> {
                    Set<String> seen = new HashSet<>();
                    try (Connection connection = qpid().createConnection()) {
                        connection.start();
                        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                        MessageConsumer consumer = session.createConsumer(session.createQueue("shared-work"));
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
                        while (received.get() < expected && System.nanoTime() < deadline) {
                            Message message = consumer.receive(200);
                            if (message != null) {
                                assertThat(seen.add(((TextMessage) message).getText())).isTrue();
                                message.acknowledge();
                                received.incrementAndGet();
                            }
                        }
                    }
                    return seen;
                }));
            }
            List<Future<?>> sent = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                sent.add(pool.submit(() -> {
                    try (Connection connection = qpid().createConnection()) {
                        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        Queue queue = session.createQueue("shared-work");
                        MessageProducer out = session.createProducer(queue);
                        for (int i = 0; i < perProducer; i++) {
                            out.send(session.createTextMessage(producer + "-" + i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> done : sent) {
                done.get(60, TimeUnit.SECONDS);
            }
            Set<String> all = new HashSet<>();
            int total = 0;
            for (Future<Set<String>> each : consumed) {
                Set<String> seen = each.get(60, TimeUnit.SECONDS);
                total += seen.size();
                all.addAll(seen);
            }
            assertThat(total).isEqualTo(producers * perProducer);
            assertThat(all).hasSize(producers * perProducer);
        } finally {
            pool.shutdownNow();
        }
        assertThat(broker.messageCount("shared-work")).hasValue(0);
    }
}
