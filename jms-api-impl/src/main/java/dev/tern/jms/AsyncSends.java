package dev.tern.jms;

import dev.tern.jms.provider.ProviderException;
import dev.tern.protocol.Event;
import jakarta.jms.CompletionListener;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's sends with a {@link CompletionListener}: the broker's answers may come in any order,
 * but the callbacks run one at a time, in the order of the sends, on a thread of the connection's pool.
 */
final class AsyncSends {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncSends.class);

    private record Pending(CompletableFuture<Event> answer, Message message, CompletionListener listener) {
    }

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Executor callbackThreads;
    private volatile Thread callbackThread;

    AsyncSends(Executor callbackThreads) {
        this.callbackThreads = callbackThreads;
    }

    /** Registers a send in flight; its listener runs after every earlier one. */
    void add(CompletableFuture<Event> answer, Message message, CompletionListener listener) {
        synchronized (pending) {
            pending.addLast(new Pending(answer, message, listener));
        }
        answer.whenComplete((event, failure) -> scheduleDrain());
    }

    /** True on the thread running a completion callback of this session. */
    boolean isCallbackThread() {
        return callbackThread == Thread.currentThread();
    }

    /**
     * Waits until every send in flight has completed and its callback has run.
     *
     * @throws JMSException if that takes longer than the timeout
     */
    void awaitAll(long timeoutMillis) throws JMSException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (pending) {
            while (!pending.isEmpty()) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0) {
                    throw new JMSException(pending.size() + " asynchronous sends did not complete within "
                            + timeoutMillis + " ms.");
                }
                try {
                    pending.wait(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JMSException("Interrupted while waiting for asynchronous sends to complete.");
                }
            }
        }
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            callbackThreads.execute(this::drain);
        }
    }

    private void drain() {
        callbackThread = Thread.currentThread();
        try {
            Pending next;
            while ((next = takeCompletedHead()) != null) {
                complete(next);
                synchronized (pending) {
                    pending.removeFirst();
                    pending.notifyAll();
                }
            }
        } finally {
            callbackThread = null;
            drainScheduled.set(false);
        }
        if (completedHeadWaiting()) {
            scheduleDrain();
        }
    }

    private Pending takeCompletedHead() {
        synchronized (pending) {
            Pending head = pending.peekFirst();
            return head != null && head.answer().isDone() ? head : null;
        }
    }

    private boolean completedHeadWaiting() {
        return takeCompletedHead() != null;
    }

    private static void complete(Pending sent) {
        try {
            Throwable failure = null;
            try {
                sent.answer().join();
            } catch (CompletionException e) {
                failure = e.getCause();
            }
            if (failure == null) {
                sent.listener().onCompletion(sent.message());
            } else {
                sent.listener().onException(sent.message(), toJms(failure));
            }
        } catch (RuntimeException e) {
            LOG.warn("A CompletionListener threw", e);
        }
    }

    private static Exception toJms(Throwable failure) {
        if (failure instanceof ProviderException provider) {
            return JmsExceptions.from(provider);
        }
        return JmsExceptions.withCause(new JMSException("The send failed: " + failure), failure);
    }
}
