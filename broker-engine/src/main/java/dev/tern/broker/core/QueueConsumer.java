package dev.tern.broker.core;

/** Something a queue dispatches to. Called on the queue's dispatcher with the queue locked; must not block. */
public interface QueueConsumer {

    DispatchResult offer(MessageRef ref);

    /** True if this consumer asked to be the only one its queue delivers to while it is open. */
    default boolean exclusive() {
        return false;
    }
}
