package dev.tern.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deep-queue workload, the same for every broker: one transacted producer fills one queue with
 * persistent 1 KiB BytesMessages, numbered by an int property, committing every {@value #BATCH}, while
 * nobody consumes; then one transacted consumer, on a connection of its own, drains them all,
 * committing every {@value #BATCH}, and checks that each number came back once and in order.
 */
final class DeepQueueWorkload {

    /** Messages per transaction, on both sides. */
    static final int BATCH = 1_000;

    /** The queue it fills and drains. */
    static final String QUEUE = "bench.deep";
    private static final String SEQUENCE = "seq";
    private static final long RECEIVE_TIMEOUT_MILLIS = 30_000;
    private static final long EXTRA_WAIT_MILLIS = 500;
    private static final long STALL_MILLIS = 1_000;
    private static final int PROGRESS_EVERY = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(DeepQueueWorkload.class);

    /**
     * What the consumer saw.
     *
     * @param distinct different messages received, at most the number sent
     * @param duplicates messages received again
     * @param outOfOrder messages whose number did not follow the previous one's
     */
    record Drained(int distinct, int duplicates, int outOfOrder) {
    }

    private final ConnectionFactory factory;
    private final int count;
    private final byte[] body = Payload.ofSize(Payload.ONE_KIB);

    DeepQueueWorkload(ConnectionFactory factory, int count) {
        this.factory = factory;
        this.count = count;
    }

    /** Sends every message and commits the last batch. */
    void enqueue() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < count; i++) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                message.setIntProperty(SEQUENCE, i);
                producer.send(message);
                if ((i + 1) % BATCH == 0) {
                    session.commit();
                }
                if ((i + 1) % PROGRESS_EVERY == 0) {
                    LOG.info("enqueued {}", i + 1);
                }
            }
            session.commit();
        }
    }

    /** Receives until every message has come back, or until none comes for {@value #RECEIVE_TIMEOUT_MILLIS} ms. */
    Drained drain() throws JMSException {
        BitSet seen = new BitSet(count);
        int distinct = 0;
        int duplicates = 0;
        int outOfOrder = 0;
        int previous = -1;
        int received = 0;
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = session.createQueue(QUEUE);
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            while (distinct < count) {
                long waitStart = System.nanoTime();
                Message message = consumer.receive(RECEIVE_TIMEOUT_MILLIS);
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waitStart);
                if (waited >= STALL_MILLIS) {
                    LOG.warn("waited {} ms for a message after {} received", waited, received);
                }
                if (message == null) {
                    LOG.warn("nothing received for {} ms after {} of {} messages", RECEIVE_TIMEOUT_MILLIS, distinct, count);
                    break;
                }
                int sequence = message.getIntProperty(SEQUENCE);
                if (sequence != previous + 1) {
                    outOfOrder++;
                }
                previous = sequence;
                if (sequence < 0 || sequence >= count || seen.get(sequence)) {
                    duplicates++;
                } else {
                    seen.set(sequence);
                    distinct++;
                }
                if (++received % BATCH == 0) {
                    session.commit();
                }
                if (received % PROGRESS_EVERY == 0) {
                    LOG.info("drained {}", received);
                }
            }
            session.commit();
        }
        return new Drained(distinct, duplicates, outOfOrder);
    }

    /** Whether a message is still there, on a new connection, within {@value #EXTRA_WAIT_MILLIS} ms; leaves it there. */
    boolean anyLeft() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            connection.start();
            boolean left = consumer.receive(EXTRA_WAIT_MILLIS) != null;
            session.rollback();
            return left;
        }
    }
}
