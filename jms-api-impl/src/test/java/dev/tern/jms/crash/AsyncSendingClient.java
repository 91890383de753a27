package dev.tern.jms.crash;

import static dev.tern.jms.crash.ReportLines.report;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The child JVM of {@link AsyncSendCrashTest}: starts a persistent broker on the given data directory,
 * then sends persistent messages with a CompletionListener from several producers, each keeping many
 * sends uncompleted, over {@code vm://} or {@code tcp://}, until the test kills it with SIGKILL.
 *
 * <p>Lines printed: {@code READY}, then {@code COMPLETED <body>} from {@code onCompletion} and
 * {@code FAILED <body>} from {@code onException}. Bodies are {@code p<producer>-<n>}, n counting from 0.
 */
public final class AsyncSendingClient {

    static final String BROKER = "async-crash";
    static final String QUEUE = "crash.async";
    static final int PRODUCERS = 4;
    static final int UNCOMPLETED_PER_PRODUCER = 50;

    private AsyncSendingClient() {
    }

    /** @param args the data directory, then {@code vm} or {@code tcp} */
    public static void main(String[] args) throws Exception {
        Broker broker = EmbeddedBrokers.start(BrokerConfig.named(BROKER).withDataDir(Path.of(args[0]))
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1")));
        String url = "tcp".equals(args[1]) ? "tcp://127.0.0.1:" + broker.tcpPort() : "vm://" + BROKER;
        Connection connection = new TernConnectionFactory(url).createConnection();
        PrintStream out = System.out;
        report(out, "READY");
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            threads.add(new Thread(() -> sendForever(connection, producer, out), "producer-" + p));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void sendForever(Connection connection, int producerNumber, PrintStream out) {
        try {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Semaphore room = new Semaphore(UNCOMPLETED_PER_PRODUCER);
            CompletionListener listener = new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    report(out, "COMPLETED " + body(message));
                    room.release();
                }

                @Override
                public void onException(Message message, Exception exception) {
                    report(out, "FAILED " + body(message));
                    room.release();
                }
            };
            for (int i = 0; ; i++) {
                room.acquire();
                producer.send(session.createTextMessage("p" + producerNumber + "-" + i), listener);
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String body(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
