package dev.tern.bench;

/** How a scenario's producers send; some brokers' clients must be set up for the second. */
public enum SendStyle {
    /**
     * {@code send(message)}: returns when the client's rules say, which for a persistent message outside
     * a transaction is after the broker has it on disk.
     */
    PLAIN,
    /**
     * {@code send(message, CompletionListener)} (JMS 2.0 asynchronous send): returns at once, and the
     * listener hears when the broker has the message, on disk if it is persistent.
     */
    COMPLETION_LISTENER
}
