package dev.tern.ra.glassfish.undeploy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A gate that holds message listeners until the test opens it, or at most {@value #MAX_HOLD_SECONDS} seconds. */
public final class Gate {

    static final int MAX_HOLD_SECONDS = 30;
    private static final CountDownLatch OPEN = new CountDownLatch(1);

    private Gate() {
    }

    /** Waits until the gate opens, or the longest hold passes. */
    static void pass() throws InterruptedException {
        OPEN.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS);
    }

    /** Opens the gate for good. */
    static void open() {
        OPEN.countDown();
    }
}
