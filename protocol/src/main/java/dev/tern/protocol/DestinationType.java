package dev.tern.protocol;

/** The four kinds of JMS destination, as the broker sees them. */
public enum DestinationType {
    QUEUE,
    TOPIC,
    TEMPORARY_QUEUE,
    TEMPORARY_TOPIC;

    /** True for queues, false for topics; temporary destinations follow their kind. */
    public boolean isQueue() {
        return this == QUEUE || this == TEMPORARY_QUEUE;
    }

    public boolean isTemporary() {
        return this == TEMPORARY_QUEUE || this == TEMPORARY_TOPIC;
    }
}
