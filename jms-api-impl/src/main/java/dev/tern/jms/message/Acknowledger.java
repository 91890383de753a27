package dev.tern.jms.message;

import jakarta.jms.JMSException;

/**
 * What {@link jakarta.jms.Message#acknowledge()} does for a received message. The session that
 * received the message supplies it; it raises {@link jakarta.jms.IllegalStateException} once that
 * session is closed.
 */
@FunctionalInterface
public interface Acknowledger {

    /** Acknowledges the messages the session has consumed. */
    void acknowledge() throws JMSException;
}
