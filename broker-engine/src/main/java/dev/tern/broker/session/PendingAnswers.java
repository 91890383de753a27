package dev.tern.broker.session;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers a connection still owes for commands that finish later (sends and commits waiting for
 * the journal, acknowledgments, dead-letter retries), so that the answer to its close can follow them.
 * Waits for nothing: it chains on their futures.
 */
final class PendingAnswers {

    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();

    /** Tracks an answer; {@code answered} completes once the answer has been pushed, or its push failed. */
    void add(CompletableFuture<?> answered) {
        pending.add(answered);
        answered.whenComplete((ignored, failure) -> pending.remove(answered));
    }

    /**
     * Runs {@code action} once every answer tracked so far has been pushed: at once, on this thread, if
     * none is due, else on the thread that pushes the last of them.
     */
    void afterAll(Runnable action) {
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> action.run());
    }
}
