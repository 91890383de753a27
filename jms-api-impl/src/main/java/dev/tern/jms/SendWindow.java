package dev.tern.jms;

import jakarta.jms.JMSException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds a session's sends that are on their way without the sender waiting for them: asynchronous
 * sends with a CompletionListener, and the sends that need no answer before they return (see
 * {@link TernSession#send}). When the window is full the next send waits for an answer, so a
 * producer cannot run ahead of a broker that holds its sends back (producer flow control).
 */
final class SendWindow {

    private final int size;
    private int inFlight;

    SendWindow(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("The send window must hold at least one send, was " + size);
        }
        this.size = size;
    }

    /**
     * Takes a place in the window for a send about to go, and gives it back once {@code answer} completes.
     *
     * @throws JMSException if no place frees up within the timeout
     */
    void enter(long timeoutMillis) throws JMSException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (this) {
            while (inFlight >= size) {
                waitUntil(deadline, "The broker did not accept any of " + size + " sends in flight within "
                        + timeoutMillis + " ms (jms.requestTimeout); is a destination full?");
            }
            inFlight++;
        }
    }

    /** Gives the place taken by {@link #enter} back when the send's answer arrives. */
    void leaveWhenAnswered(CompletableFuture<?> answer) {
        answer.whenComplete((event, failure) -> {
            synchronized (this) {
                inFlight--;
                notifyAll();
            }
        });
    }

    /**
     * Waits until every send in the window has been answered.
     *
     * @throws JMSException if that takes longer than the timeout
     */
    void awaitEmpty(long timeoutMillis) throws JMSException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (this) {
            while (inFlight > 0) {
                waitUntil(deadline, inFlight + " sends were not answered by the broker within " + timeoutMillis + " ms.");
            }
        }
    }

    private void waitUntil(long deadline, String timeoutMessage) throws JMSException {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
            throw new JMSException(timeoutMessage);
        }
        try {
            wait(remaining);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("Interrupted while waiting for the broker to answer sends.");
        }
    }
}
