package dev.tern.jms.crash;

import static dev.tern.jms.crash.ReportLines.report;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;

/**
 * The child JVM of {@link AcknowledgedTopicCrashTest}: runs an embedded persistent broker, publishes
 * persistent messages to a topic with a durable and a non-durable subscriber, acknowledges them on the
 * durable one only, so that the non-durable one still holds them in memory, and halts the JVM at once,
 * as a crash would, without closing anything.
 *
 * <p>Lines printed: {@code ACKED <count>} once the acknowledgment returned, just before the halt.
 */
public final class TopicAcknowledgingClient {

    static final String TOPIC = "crash.acked-topic";
    static final String CLIENT_ID = "acknowledger";
    static final String SUBSCRIPTION = "audit";
    static final int MESSAGES = 5;
    /** The exit status of the halt, to tell it from a failure. */
    static final int HALTED = 77;

    private TopicAcknowledgingClient() {
    }

    public static void main(String[] args) throws Exception {
        Connection connection = new TernConnectionFactory(args[0]).createConnection();
        connection.setClientID(CLIENT_ID);
        Session durableSession = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Topic topic = durableSession.createTopic(TOPIC);
        MessageConsumer durable = durableSession.createDurableSubscriber(topic, SUBSCRIPTION);
        Session nonDurableSession = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        nonDurableSession.createConsumer(topic);
        connection.start();

        Session producerSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = producerSession.createProducer(topic);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (int i = 0; i < MESSAGES; i++) {
            producer.send(producerSession.createTextMessage("m" + i));
        }
        Message last = null;
        for (int i = 0; i < MESSAGES; i++) {
            last = durable.receive(10_000);
            if (last == null) {
                throw new IllegalStateException("the durable subscriber received only " + i + " messages");
            }
        }
        last.acknowledge();
        report(System.out, "ACKED " + MESSAGES);
        Runtime.getRuntime().halt(HALTED);
    }
}
