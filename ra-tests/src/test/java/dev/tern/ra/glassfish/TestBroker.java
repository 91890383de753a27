package dev.tern.ra.glassfish;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.core.MessageQueue;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.UUID;

/**
 * The one in-memory Tern broker of the test JVM, on a free tcp:// port of 127.0.0.1, started on first
 * use and stopped when the JVM exits. GlassFish embedded runs in the same JVM: applications find the
 * broker's URL in the system property {@value #URL_PROPERTY}, set before anything is deployed. WildFly
 * runs in another JVM and reaches the broker on the port in {@value #PORT_PROPERTY}.
 *
 * <p>Tests share the broker, so each test uses destinations of its own ({@link #uniqueName}).
 */
public final class TestBroker {

    /** The system property that holds the broker's URL. */
    public static final String URL_PROPERTY = "tern.test.brokerUrl";

    /**
     * The system property with the port to listen on; 0 (any free port) if unset. WildFly's profile sets it
     * to a port the build reserved, because the server, in a JVM of its own, learns the URL when it starts.
     */
    public static final String PORT_PROPERTY = "tern.test.brokerPort";

    private static final String NAME = "ra-tests";
    private static Broker broker;

    private TestBroker() {
    }

    /** The running broker, started if need be. */
    public static synchronized Broker broker() {
        if (broker == null || broker.isClosed()) {
            broker = EmbeddedBrokers.start(BrokerConfig.named(NAME).withPersistent(false)
                    .withTcp(TcpSettings.onPort(Integer.getInteger(PORT_PROPERTY, 0)).withHost("127.0.0.1")));
            System.setProperty(URL_PROPERTY, "tcp://127.0.0.1:" + broker.tcpPort());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> EmbeddedBrokers.stop(NAME), "stop-ra-tests-broker"));
        }
        return broker;
    }

    /** The broker's URL, such as {@code tcp://127.0.0.1:40123}; starts the broker if need be. */
    public static String url() {
        broker();
        return System.getProperty(URL_PROPERTY);
    }

    /** A plain Tern connection factory for the broker, outside any container. */
    public static TernConnectionFactory connectionFactory() {
        return new TernConnectionFactory(url());
    }

    /** A destination name no other test uses, such as {@code smoke-3f2a9c1e}. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Messages waiting on a queue; 0 if the queue does not exist. */
    public static int messageCount(String queue) {
        return broker().messageCount(queue).orElse(0);
    }

    /** Consumers attached now to the subscriptions of a topic, durable or not. */
    public static int topicConsumers(String topic) {
        return broker().postOffice().subscriptionsOf(topic).stream().mapToInt(MessageQueue::consumerCount).sum();
    }

    /** Consumers attached now to a queue; 0 if the queue does not exist. */
    public static int queueConsumers(String queue) {
        MessageQueue found = broker().postOffice().queue(queue);
        return found == null ? 0 : found.consumerCount();
    }

    /** Publishes one text message to a topic with the plain client. */
    public static void publish(String topic, String text) {
        try (JMSContext context = connectionFactory().createContext()) {
            context.createProducer().send(context.createTopic(topic), text);
        }
    }

    /** Sends one text message to a queue with the plain client. */
    public static void send(String queue, String text) {
        try (JMSContext context = connectionFactory().createContext()) {
            context.createProducer().send(context.createQueue(queue), text);
        }
    }

    /** Receives one message from a queue with the plain client, or null after the timeout. */
    public static Message receive(String queue, Duration timeout) {
        try (JMSContext context = connectionFactory().createContext();
             JMSConsumer consumer = context.createConsumer(context.createQueue(queue))) {
            return consumer.receive(timeout.toMillis());
        }
    }
}
