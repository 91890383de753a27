package dev.tern.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts messages sent and deliveries consumed, and holds producers back while more than a window of
 * messages is in flight. A topic's message counts as consumed when every subscriber has had it, on average.
 */
final class FlowWindow {

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final int window;
    private final int fanOut;

    FlowWindow(int window, int fanOut) {
        this.window = window;
        this.fanOut = fanOut;
    }

    /** Waits until the producer may send one more message; false if {@code deadlineNanos} passed first. */
    boolean awaitRoom(long deadlineNanos) {
        while (sent.get() - delivered.get() / fanOut >= window) {
            if (System.nanoTime() >= deadlineNanos) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
        }
        return true;
    }

    void sent(int count) {
        sent.addAndGet(count);
    }

    void delivered() {
        delivered.incrementAndGet();
    }

    long sentCount() {
        return sent.get();
    }

    long deliveredCount() {
        return delivered.get();
    }

    long expectedDeliveries() {
        return sent.get() * fanOut;
    }
}
