package dev.tern.stomp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Finishes client frames in the order they arrived, whatever order the broker answers them in: a step
 * waits for the answers of its commands, and its RECEIPT (or other follow-up) is written only once every
 * earlier step has finished. Used on the connection's event loop only.
 */
final class InOrder {

    /** One client frame's work: done when every command it waits for is answered. */
    final class Step {
        private final String receipt;
        private Runnable then;
        private int waiting = 1;

        private Step(String receipt) {
            this.receipt = receipt;
        }

        /** Waits for one more answer. */
        Step hold() {
            waiting++;
            return this;
        }

        /** One answer arrived (or the frame's work is all issued). */
        void release() {
            if (--waiting == 0) {
                drain();
            }
        }

        private boolean done() {
            return waiting <= 0;
        }
    }

    private final Deque<Step> steps = new ArrayDeque<>();
    private final Consumer<String> receiptWriter;

    InOrder(Consumer<String> receiptWriter) {
        this.receiptWriter = receiptWriter;
    }

    /** A step for a frame, answered with a RECEIPT if {@code receipt} is not null; call {@link Step#release()} once issued. */
    Step start(String receipt) {
        Step step = new Step(receipt);
        steps.add(step);
        return step;
    }

    /** Runs {@code action} once every step started so far has finished. */
    void afterAll(Runnable action) {
        Step step = start(null);
        step.then = action;
        step.release();
    }

    /** Drops every step: the connection is closing. */
    void clear() {
        steps.clear();
    }

    private void drain() {
        while (!steps.isEmpty() && steps.peek().done()) {
            Step step = steps.poll();
            if (step.receipt != null) {
                receiptWriter.accept(step.receipt);
            }
            if (step.then != null) {
                step.then.run();
            }
        }
    }
}
