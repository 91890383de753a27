package dev.tern.jms.crash;

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
 * The child JVM of {@link CrashRecoveryTest}: runs an embedded persistent broker, acknowledges some
 * messages and sends others from several threads, reporting each completed step on standard output,
 * until the test kills it with SIGKILL.
 *
 * <p>Lines printed: {@code READY}, {@code ACKED <body>} after an acknowledged receive returned,
 * {@code SENT <body>} after a persistent send returned.
 */
public final class CrashingClient {

    static final String ACK_QUEUE = "crash.acked";
    static final String SEND_QUEUE = "crash.sent";
    static final int PRELOADED = 200;
    static final int PRODUCERS = 4;

    private CrashingClient() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        PrintStream out = System.out;
        Connection connection = new TernConnectionFactory(url).createConnection();
        connection.start();
        preload(connection);
        out.println("READY");
        out.flush();

        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> consumeAndAcknowledge(connection, out), "acker"));
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            threads.add(new Thread(() -> sendForever(connection, producer, out), "producer-" + p));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void preload(Connection connection) throws JMSException {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(ACK_QUEUE));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (int i = 0; i < PRELOADED; i++) {
            producer.send(session.createTextMessage("ack-" + i));
        }
        session.close();
    }

    private static void consumeAndAcknowledge(Connection connection, PrintStream out) {
        try {
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(ACK_QUEUE));
            while (true) {
                TextMessage message = (TextMessage) consumer.receive(10_000);
                if (message == null) {
                    return;
                }
                message.acknowledge();
                synchronized (out) {
                    out.println("ACKED " + message.getText());
                    out.flush();
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sendForever(Connection connection, int producerNumber, PrintStream out) {
        try {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(SEND_QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; ; i++) {
                String body = "p" + producerNumber + "-" + i;
                producer.send(session.createTextMessage(body));
                synchronized (out) {
                    out.println("SENT " + body);
                    out.flush();
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
