package dev.tern.bench;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The child process of the cold-start scenario: starts one broker with its journal, makes one persistent
 * round trip over {@code vm://}, stops the broker, prints one {@value #PREFIX} line with its timings and
 * the threads still alive, and returns from {@code main} so that a thread left behind keeps the JVM up.
 *
 * <p>Usage: {@code ColdStartProbe TERN|ARTEMIS|CLASSIC DATA_DIR}.
 */
public final class ColdStartProbe {

    /** Starts the line the parent reads. */
    static final String PREFIX = "COLDSTART";

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        BrokerKind kind = BrokerKind.valueOf(args[0]);
        Path dataDir = Path.of(args[1]);
        ThreadCensus census = ThreadCensus.take();
        long t0 = System.nanoTime();
        BrokerUnderTest broker = kind.start(dataDir, true);
        long t1 = System.nanoTime();
        try (Connection connection = broker.connectionFactory(Transport.VM).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("bench.cold-start");
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            producer.send(session.createTextMessage("ping"));
            TextMessage reply = (TextMessage) consumer.receive(30_000);
            if (reply == null || !"ping".equals(reply.getText())) {
                throw new IllegalStateException("the round trip did not come back");
            }
        }
        long t2 = System.nanoTime();
        broker.close();
        long t3 = System.nanoTime();
        List<Thread> left = census.threadsLeft();
        long nonDaemon = left.stream().filter(t -> !t.isDaemon()).count();
        System.out.println(String.format(Locale.ROOT,
                "%s start_ms=%.1f roundtrip_ms=%.1f stop_ms=%.1f threads_left=%d non_daemon_left=%d names=%s",
                PREFIX, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, left.size(), nonDaemon,
                left.stream().map(Thread::getName).sorted().toList()));
        System.out.flush();
    }
}
