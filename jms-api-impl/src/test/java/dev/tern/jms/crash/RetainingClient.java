package dev.tern.jms.crash;

import static dev.tern.jms.crash.ReportLines.report;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link RetentionCrashTest}: runs an embedded persistent broker whose topic retains
 * messages, publishes persistent messages to it from several threads and consumes them through a durable
 * subscription with CLIENT_ACKNOWLEDGE, until the test kills it with SIGKILL.
 *
 * <p>Lines printed: {@code SENT <body>} after a persistent send returned, {@code ACKED <body>} after an
 * acknowledgment returned.
 */
public final class RetainingClient {

    static final String TOPIC = "crash.news";
    static final String CLIENT_ID = "retainer";
    static final String SUBSCRIPTION = "audit";
    static final int PRODUCERS = 3;

    private RetainingClient() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        PrintStream out = System.out;
        Connection connection = new TernConnectionFactory(url).createConnection();
        connection.setClientID(CLIENT_ID);
        Session subscriberSession = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer subscriber = subscriberSession.createDurableSubscriber(
                subscriberSession.createTopic(TOPIC), SUBSCRIPTION);
        connection.start();

        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> consumeAndAcknowledge(subscriber, out), "acker"));
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            threads.add(new Thread(() -> publishForever(connection, producer, out), "publisher-" + p));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void consumeAndAcknowledge(MessageConsumer subscriber, PrintStream out) {
        try {
            while (true) {
                TextMessage message = (TextMessage) subscriber.receive(10_000);
                if (message == null) {
                    return;
                }
                message.acknowledge();
                report(out, "ACKED " + message.getText());
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void publishForever(Connection connection, int producerNumber, PrintStream out) {
        try {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createTopic(TOPIC));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; ; i++) {
                String body = "p" + producerNumber + "-" + i;
                producer.send(session.createTextMessage(body));
                report(out, "SENT " + body);
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
