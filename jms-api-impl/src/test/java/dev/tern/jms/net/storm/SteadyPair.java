package dev.tern.jms.net.storm;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One producer and one consumer on a queue of their own, each on a connection and thread of its own, as
 * fast as they can: non-persistent messages of {@value #BODY_BYTES} bytes, AUTO_ACKNOWLEDGE. The queue's
 * policy holds the producer back when the consumer lags, so the pair's rate is the consumer's.
 */
final class SteadyPair implements AutoCloseable {

    static final int BODY_BYTES = 1_024;

    private final TernConnectionFactory factory;
    private final String queue;
    private final AtomicBoolean producing = new AtomicBoolean(true);
    private final AtomicBoolean consuming = new AtomicBoolean(true);
    private final AtomicLong received = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread producer = new Thread(this::produce, "steady-producer");
    private final Thread consumer = new Thread(this::consume, "steady-consumer");

    private SteadyPair(TernConnectionFactory factory, String queue) {
        this.factory = factory;
        this.queue = queue;
    }

    static SteadyPair start(TernConnectionFactory factory, String queue) {
        SteadyPair pair = new SteadyPair(factory, queue);
        pair.consumer.start();
        pair.producer.start();
        return pair;
    }

    /** Messages the consumer has received so far. */
    long received() {
        return received.get();
    }

    /** The first failure of either side, or null. */
    Throwable failure() {
        return failure.get();
    }

    /**
     * Stops the producer, then the consumer, so that no send waits at the full queue while the producer's
     * connection closes; waits for each at most 30 s, and one still running counts as a failure.
     */
    @Override
    public void close() {
        producing.set(false);
        try {
            producer.join(TimeUnit.SECONDS.toMillis(30));
            consuming.set(false);
            consumer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer.isAlive() || consumer.isAlive()) {
            failure.compareAndSet(null, new AssertionError("the steady pair did not stop within 30 s"));
        }
    }

    private void produce() {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer sender = session.createProducer(session.createQueue(queue));
            sender.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            byte[] body = new byte[BODY_BYTES];
            while (producing.get()) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                sender.send(message);
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, new AssertionError("the steady producer failed", e));
        }
    }

    private void consume() {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer receiver = session.createConsumer(session.createQueue(queue));
            while (consuming.get()) {
                if (receiver.receive(100) != null) {
                    received.incrementAndGet();
                }
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, new AssertionError("the steady consumer failed", e));
        }
    }
}
