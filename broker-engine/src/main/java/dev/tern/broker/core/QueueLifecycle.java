package dev.tern.broker.core;

/** Hears of queues as the post office adds and removes them, for metrics and management. */
public interface QueueLifecycle {

    /** A queue was created or restored; called on the creating thread, which may hold the post office's monitor. */
    void added(MessageQueue queue);

    /** A queue was deleted. */
    void removed(MessageQueue queue);
}
