package dev.tern.broker.core;

/** A consumer's answer when a queue offers it a message. */
public enum DispatchResult {
    /** Taken: the message is now in flight to this consumer. */
    HANDLED,
    /** Not wanted by this consumer, for example because of its selector; others may take it. */
    NO_MATCH,
    /** No room now: the consumer has no credit or is closing. */
    BUSY
}
