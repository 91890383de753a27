package dev.tern.jms.crash;

import static dev.tern.jms.crash.ReportLines.report;

import dev.tern.jms.TernConnection;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.PrintStream;

/**
 * The child JVM of {@link RedeliveryCrashTest}: runs an embedded persistent broker whose queue allows two
 * delivery attempts, commits every third message and rolls back the others, so that they move to the
 * dead-letter queue, while another thread keeps moving the dead letters back; reports on standard output
 * until the test kills it with SIGKILL.
 *
 * <p>Lines printed: {@code READY}, {@code ACKED <body>} after a commit that consumed it returned,
 * {@code MOVED <n>} after a retry of the dead-letter queue moved n messages back.
 */
public final class DeadLetteringClient {

    static final String QUEUE = "crash.poison";
    static final String DEAD_LETTERS = "DLQ";
    static final int PRELOADED = 300;

    private DeadLetteringClient() {
    }

    /** The URL of the child's broker: persistent, in {@code dataDir}, two delivery attempts on the queue. */
    static String url(String dataDir) {
        return "vm://crash-dlq?broker.dataDir=" + dataDir + "&broker.policy." + QUEUE + ".maxDeliveryAttempts=2";
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Connection connection = new TernConnectionFactory(args[0]).createConnection();
        connection.start();
        preload(connection);
        out.println("READY");
        out.flush();
        Thread consumer = new Thread(() -> commitSomeRollBackOthers(connection, out), "consumer");
        Thread retrier = new Thread(() -> retryForever((TernConnection) connection, out), "retrier");
        consumer.start();
        retrier.start();
        consumer.join();
        retrier.join();
    }

    private static void preload(Connection connection) throws JMSException {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (int i = 0; i < PRELOADED; i++) {
            producer.send(session.createTextMessage("m-" + i));
        }
        session.close();
    }

    private static void commitSomeRollBackOthers(Connection connection, PrintStream out) {
        try {
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            while (true) {
                TextMessage message = (TextMessage) consumer.receive(10_000);
                if (message == null) {
                    return;
                }
                String body = message.getText();
                if (Integer.parseInt(body.substring(2)) % 3 == 0) {
                    session.commit();
                    report(out, "ACKED " + body);
                } else {
                    session.rollback();
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void retryForever(TernConnection connection, PrintStream out) {
        try {
            while (true) {
                try {
                    int moved = connection.retryDeadLetters(DEAD_LETTERS, null);
                    report(out, "MOVED " + moved);
                } catch (InvalidDestinationException e) {
                    // Nothing has been dead-lettered yet, so the dead-letter queue does not exist.
                }
                Thread.sleep(5);
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
