package dev.tern.interop;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One client library, in this JVM or in a process of its own, seen through the same send and receive verbs. */
interface InteropClient {

    /** A short name for test names and failure messages, e.g. {@code python-amqp}. */
    String name();

    Protocol protocol();

    /** Whether the protocol has a map body (STOMP has not). */
    default boolean sendsMaps() {
        return protocol() != Protocol.STOMP;
    }

    /** Why this client cannot run here and what to install, or empty when it can. */
    Optional<String> missing();

    /** Sends these messages (persistent) and returns once the broker has taken them all. */
    void send(InteropBroker broker, Dest dest, List<MessageSpec> messages);

    /** Starts receiving; {@link Receiving#awaitReady} returns once the consumer or subscription is in place. */
    Receiving startReceiving(InteropBroker broker, Dest dest, ReceiveOptions options);

    /** Receives until the count or the timeout in the options, whichever comes first. */
    default List<Received> receive(InteropBroker broker, Dest dest, ReceiveOptions options) {
        return startReceiving(broker, dest, options).await();
    }

    /** A receiver at work. */
    interface Receiving {

        /** Waits (bounded) until the receiver is attached or subscribed. */
        void awaitReady(Duration timeout);

        /** Waits (bounded) until the receiver stopped, and returns what it received. */
        List<Received> await();
    }
}
