package dev.tern.jms;

import jakarta.jms.IllegalStateException;

/**
 * The JMS 1.1 domain an object was made for. A connection or session made through the unified API may
 * do everything; one made as a Queue- or TopicConnection/Session must refuse the other domain's
 * methods with an {@link IllegalStateException}, as their Javadoc requires.
 */
enum MessagingDomain {
    UNIFIED, QUEUE, TOPIC;

    /**
     * Checks that an operation of a domain is allowed here.
     *
     * @param needed the domain the operation belongs to
     * @param operation the method, for the message
     * @param kind {@code Connection} or {@code Session}, for the message
     * @throws IllegalStateException if this is the other domain
     */
    void require(MessagingDomain needed, String operation, String kind) throws IllegalStateException {
        if (this != UNIFIED && this != needed) {
            String here = this == QUEUE ? "Queue" : "Topic";
            throw new IllegalStateException(operation + " cannot be called on a " + here + kind + "; use a "
                    + kind + " (or a " + (needed == QUEUE ? "Queue" : "Topic") + kind + ") for it.");
        }
    }
}
