package dev.tern.jms.provider;

import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Matches the broker's answers to the requests that wait for them. Shared by every transport. */
public final class RequestTracker {

    private final AtomicLong requestIds = new AtomicLong();
    private final Map<Long, CompletableFuture<Event>> pending = new ConcurrentHashMap<>();
    private volatile ProviderException failure;

    /** Registers a new request; returns its ID and the future its answer completes. */
    public Pending open() {
        long requestId = requestIds.incrementAndGet();
        CompletableFuture<Event> answer = new CompletableFuture<>();
        pending.put(requestId, answer);
        ProviderException failed = failure;
        if (failed != null) {
            pending.remove(requestId);
            answer.completeExceptionally(failed instanceof LinkLostException lost ? lost.beforeSending() : failed);
        }
        return new Pending(requestId, answer);
    }

    /** Completes the request an answer belongs to; false if the event is not an answer. */
    public boolean complete(Event event) {
        if (event instanceof Event.Failed failed) {
            finish(failed.requestId(), null, new ProviderException(failed.code(), failed.message()));
        } else if (event instanceof Event.Answer answer) {
            finish(answer.requestId(), event, null);
        } else {
            return false;
        }
        return true;
    }

    /** Fails one waiting request, for example because its command could not be written. */
    public void fail(long requestId, ProviderException cause) {
        finish(requestId, null, cause);
    }

    /**
     * Fails every waiting request, in the order they were made (a failover connection sends some of them again,
     * and keeps that order), and every later one. A later request fails with the
     * {@linkplain LinkLostException#beforeSending() same loss seen before sending}, as it never leaves.
     */
    public void failAll(ProviderException cause) {
        failure = cause;
        for (Long requestId : new TreeSet<>(pending.keySet())) {
            finish(requestId, null, cause);
        }
    }

    private void finish(long requestId, Event answerEvent, ProviderException error) {
        CompletableFuture<Event> answer = pending.remove(requestId);
        if (answer == null) {
            return;
        }
        if (error == null) {
            answer.complete(answerEvent);
        } else {
            answer.completeExceptionally(error);
        }
    }

    /** A request waiting for its answer. */
    public record Pending(long requestId, CompletableFuture<Event> answer) {
    }

    static ProviderException closed() {
        return new ProviderException(ErrorCode.ILLEGAL_STATE, "The connection to the broker is closed.");
    }
}
