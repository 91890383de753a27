package dev.tern.interop;

import java.time.Duration;

/**
 * How a client receives: stop after {@code count} messages or after {@code timeout}; an optional selector; what to
 * answer each message with; a durable subscription name and the client ID it is kept under.
 */
record ReceiveOptions(int count, Duration timeout, String selector, Answer answer, String durableName, String clientId) {

    /** What a receiver answers to each message. */
    enum Answer {
        /** Accept (AMQP accepted, STOMP auto ack, JMS auto acknowledge). */
        ACK("ack"),
        /** Refuse as failed (AMQP rejected, STOMP NACK). */
        NACK("nack"),
        /** Give back untouched (AMQP released). */
        RELEASE("release"),
        /** Give back as a failed attempt (AMQP modified with delivery-failed). */
        MODIFIED("modified");

        final String flag;

        Answer(String flag) {
            this.flag = flag;
        }
    }

    static ReceiveOptions count(int count) {
        return new ReceiveOptions(count, Duration.ofSeconds(10), null, Answer.ACK, null, null);
    }

    ReceiveOptions timeout(Duration newTimeout) {
        return new ReceiveOptions(count, newTimeout, selector, answer, durableName, clientId);
    }

    ReceiveOptions selector(String newSelector) {
        return new ReceiveOptions(count, timeout, newSelector, answer, durableName, clientId);
    }

    ReceiveOptions answer(Answer newAnswer) {
        return new ReceiveOptions(count, timeout, selector, newAnswer, durableName, clientId);
    }

    ReceiveOptions durable(String newClientId, String newDurableName) {
        return new ReceiveOptions(count, timeout, selector, answer, newDurableName, newClientId);
    }
}
