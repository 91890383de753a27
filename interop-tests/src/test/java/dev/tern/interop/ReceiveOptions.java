package dev.tern.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a client receives: stop after {@code count} messages or after {@code timeout}; an optional selector; what to
 * answer each message with; a durable subscription name and the client ID it is kept under; more command-line flags
 * for a script client (a JMS client ignores them).
 */
record ReceiveOptions(int count, Duration timeout, String selector, Answer answer, String durableName, String clientId,
        List<String> flags) {

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
        return new ReceiveOptions(count, Duration.ofSeconds(10), null, Answer.ACK, null, null, List.of());
    }

    ReceiveOptions timeout(Duration newTimeout) {
        return new ReceiveOptions(count, newTimeout, selector, answer, durableName, clientId, flags);
    }

    ReceiveOptions selector(String newSelector) {
        return new ReceiveOptions(count, timeout, newSelector, answer, durableName, clientId, flags);
    }

    ReceiveOptions answer(Answer newAnswer) {
        return new ReceiveOptions(count, timeout, selector, newAnswer, durableName, clientId, flags);
    }

    /** With one more command-line flag for a script client. */
    ReceiveOptions flag(String flag) {
        List<String> more = new ArrayList<>(flags);
        more.add(flag);
        return new ReceiveOptions(count, timeout, selector, answer, durableName, clientId, List.copyOf(more));
    }

    ReceiveOptions durable(String newClientId, String newDurableName) {
        return new ReceiveOptions(count, timeout, selector, answer, newDurableName, newClientId, flags);
    }
}
