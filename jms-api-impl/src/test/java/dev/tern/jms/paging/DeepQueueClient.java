package dev.tern.jms.paging;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The child JVM of {@link DeepQueueHeapTest}: with an embedded persistent broker, queues
 * {@code count} persistent messages, then drains them all, checking their order. Prints
 * {@code QUEUED n}, {@code DRAINED n} and {@code PEAK_OLD_GEN_MB m}, the most the old generation held,
 * which is where a backlog kept in memory would pile up;
 * exits with status 2 on a message out of order or missing.
 */
public final class DeepQueueClient {

    private static final int BATCH = 1_000;

    private DeepQueueClient() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int count = Integer.parseInt(args[1]);
        byte[] body = new byte[Integer.parseInt(args[2])];
        try (Connection connection = new TernConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            Queue queue = session.createQueue("deep");
            MessageProducer producer = session.createProducer(queue);
            for (int i = 0; i < count; i++) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                message.setIntProperty("seq", i);
                producer.send(message);
                if ((i + 1) % BATCH == 0) {
                    session.commit();
                }
            }
            session.commit();
            report("QUEUED " + count);
            connection.start();
            MessageConsumer consumer = session.createConsumer(queue);
            for (int i = 0; i < count; i++) {
                Message message = consumer.receive(30_000);
                if (message == null || message.getIntProperty("seq") != i) {
                    report("OUT_OF_ORDER at " + i + ": " + (message == null ? "nothing" : message.getIntProperty("seq")));
                    System.exit(2);
                }
                if ((i + 1) % BATCH == 0) {
                    session.commit();
                }
            }
            session.commit();
            if (consumer.receiveNoWait() != null) {
                report("EXTRA message after " + count);
                System.exit(2);
            }
            report("DRAINED " + count);
        } catch (JMSException e) {
            e.printStackTrace();
            System.exit(1);
        }
        report("PEAK_OLD_GEN_MB " + peakOldGenerationMegabytes());
    }

    private static long peakOldGenerationMegabytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && (pool.getName().contains("Old") || pool.getName().contains("Tenured"))) {
                peak = Math.max(peak, pool.getPeakUsage().getUsed());
            }
        }
        return peak >> 20;
    }

    /** The child's report to its parent, one line per fact. */
    private static void report(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
