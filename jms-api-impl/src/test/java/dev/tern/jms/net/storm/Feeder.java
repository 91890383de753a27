package dev.tern.jms.net.storm;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A producer that keeps feeding a queue at a steady rate: persistent messages of {@value #BODY_BYTES}
 * bytes in transactions of {@value #BATCH}, so that the journal syncs once per batch.
 */
final class Feeder implements AutoCloseable {

    static final int BODY_BYTES = 1_024;
    static final int BATCH = 50;

    private final TernConnectionFactory factory;
    private final String queue;
    private final int perSecond;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread = new Thread(this::feed, "feeder");

    private Feeder(TernConnectionFactory factory, String queue, int perSecond) {
        this.factory = factory;
        this.queue = queue;
        this.perSecond = perSecond;
    }

    /** Starts feeding {@code queue} at {@code perSecond} messages a second, or less if the broker is slower. */
    static Feeder start(TernConnectionFactory factory, String queue, int perSecond) {
        Feeder feeder = new Feeder(factory, queue, perSecond);
        feeder.thread.start();
        return feeder;
    }

    /** Messages committed so far. */
    long sent() {
        return sent.get();
    }

    Throwable failure() {
        return failure.get();
    }

    /** Stops after the transaction in progress, waiting at most 30 s; still running counts as a failure. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            failure.compareAndSet(null, new AssertionError("the feeder did not stop within 30 s"));
        }
    }

    private void feed() {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            byte[] body = new byte[BODY_BYTES];
            long start = System.nanoTime();
            long batchNanos = TimeUnit.SECONDS.toNanos(1) * BATCH / perSecond;
            for (long batch = 1; running.get(); batch++) {
                for (int i = 0; i < BATCH; i++) {
                    BytesMessage message = session.createBytesMessage();
                    message.writeBytes(body);
                    producer.send(message);
                }
                session.commit();
                sent.addAndGet(BATCH);
                LockSupport.parkNanos(start + batch * batchNanos - System.nanoTime()); // the pace, not a wait for a result
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, new AssertionError("the feeder failed", e));
        }
    }
}
