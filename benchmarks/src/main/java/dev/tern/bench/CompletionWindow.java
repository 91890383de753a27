package dev.tern.bench;

import jakarta.jms.CompletionListener;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One producer's asynchronous sends ({@code send(message, CompletionListener)}): at most {@code limit}
 * of them are uncompleted at a time, a send waiting for room, and a failure reported to
 * {@code onException} is added to the run's failures.
 */
final class CompletionWindow implements CompletionListener {

    private final int limit;
    private final Semaphore room;
    private final Duration timeout;
    private final List<Throwable> failures;

    /**
     * @param limit most sends uncompleted at once
     * @param timeout longest wait for a completion before the run fails
     * @param failures where {@code onException} reports go
     */
    CompletionWindow(int limit, Duration timeout, List<Throwable> failures) {
        if (limit < 1) {
            throw new IllegalArgumentException("the window must hold at least one send, was " + limit);
        }
        this.limit = limit;
        this.room = new Semaphore(limit);
        this.timeout = timeout;
        this.failures = failures;
    }

    /** Sends once fewer than {@code limit} sends are uncompleted. */
    void send(MessageProducer producer, Message message) throws JMSException, InterruptedException {
        if (!room.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("no send completed within " + timeout);
        }
        try {
            producer.send(message, this);
        } catch (JMSException | RuntimeException e) {
            room.release();
            throw e;
        }
    }

    /** Waits until every send has been called back. */
    void awaitAll() throws InterruptedException {
        if (!room.tryAcquire(limit, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException((limit - room.availablePermits()) + " sends did not complete within "
                    + timeout);
        }
        room.release(limit);
    }

    @Override
    public void onCompletion(Message message) {
        room.release();
    }

    @Override
    public void onException(Message message, Exception exception) {
        failures.add(exception);
        room.release();
    }
}
