package dev.tern.jms.message;

import dev.tern.jms.TernQueue;
import jakarta.jms.JMSException;

/** Test helpers: send a message through its record as a producer and consumer would. */
final class Messages {

    private Messages() {
    }

    /** The message with a destination, as a producer sets it on send. */
    static <M extends TernMessage> M addressed(M message) {
        message.setJMSDestination(new TernQueue("test.queue"));
        return message;
    }

    /** What a consumer receives on first delivery of the message. */
    @SuppressWarnings("unchecked")
    static <M extends TernMessage> M roundTrip(M message) throws JMSException {
        return (M) TernMessages.fromRecord(message.toRecord(), 1, TrustedPackages.defaults());
    }

    /** What a consumer receives on the given delivery of the message. */
    @SuppressWarnings("unchecked")
    static <M extends TernMessage> M roundTrip(M message, int deliveryCount, TrustedPackages trust)
            throws JMSException {
        return (M) TernMessages.fromRecord(message.toRecord(), deliveryCount, trust);
    }
}
