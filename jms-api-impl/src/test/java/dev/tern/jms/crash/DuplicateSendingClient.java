package dev.tern.jms.crash;

import dev.tern.jms.TernConnectionFactory;
import dev.tern.jms.TernProperties;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link DuplicateDetectionCrashTest}: runs an embedded persistent broker and sends
 * persistent messages with duplicate IDs from several threads until it is killed.
 *
 * <p>Lines printed: {@code SENT <id>} after the send of the message with that duplicate ID (and body) returned.
 */
public final class DuplicateSendingClient {

    static final String QUEUE = "crash.dedup";
    static final int PRODUCERS = 3;

    private DuplicateSendingClient() {
    }

    /** The duplicate ID, and body, of a producer's n-th message. */
    static String id(int producer, int n) {
        return "p" + producer + "-" + n;
    }

    /** Sends one message with its duplicate ID as body. */
    static void send(MessageProducer producer, Session session, String id) throws JMSException {
        TextMessage message = session.createTextMessage(id);
        message.setStringProperty(TernProperties.DUPLICATE_ID, id);
        producer.send(message);
    }

    public static void main(String[] args) throws Exception {
        Connection connection = new TernConnectionFactory(args[0]).createConnection();
        PrintStream out = System.out;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int number = p;
            threads.add(new Thread(() -> sendForever(connection, number, out), "producer-" + p));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void sendForever(Connection connection, int number, PrintStream out) {
        try {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int n = 0; ; n++) {
                send(producer, session, id(number, n));
                synchronized (out) {
                    out.println("SENT " + id(number, n));
                    out.flush();
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
