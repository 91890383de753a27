package dev.tern.broker.policy;

/** What a destination does with a send that arrives when it holds as much as its policy allows. */
public enum FullPolicy {
    /**
     * The send is accepted; a persistent message on a durable queue of a broker with a journal on disk
     * waits there, out of memory, until consumers catch up. Anything else is kept in memory, without
     * limit: set {@link #BLOCK} to bound non-persistent messages.
     */
    PAGE,
    /** The send waits until consumers make room, and fails with RESOURCE_ALLOCATION after the block timeout. */
    BLOCK,
    /** The send fails at once with RESOURCE_ALLOCATION. */
    FAIL,
    /** The send is accepted and the oldest waiting messages are discarded to make room. */
    DROP_OLDEST
}
