package dev.tern.jms.provider;

import dev.tern.protocol.Command;
import dev.tern.protocol.Event;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * The client's link to a broker: asynchronous commands out, events in. The JMS facade sits on top of
 * this and knows nothing of transports; {@code vm://} and, later, {@code tcp://} implement it.
 */
public interface Provider {

    /**
     * Sends a command built with a fresh request ID.
     *
     * @return completes with the broker's answer: normally on success, with a {@link ProviderException}
     *     when the broker refused, or with a {@link ProviderException} when the connection is lost
     */
    CompletableFuture<Event> request(LongFunction<Command> command);

    /** Sends a command that nobody waits for, with the request ID {@link Command#UNANSWERED}: the broker answers nothing. */
    void post(LongFunction<Command> command);

    /** The clock that stamps message times: the broker's for vm://, where a test may move it. */
    java.time.Clock clock();

    /**
     * True once the link is known lost. The listener learns it after waiting requests failed, so a
     * caller that retries at once can check here first.
     */
    default boolean isDown() {
        return false;
    }

    /**
     * The broker this provider talks to now, for a provider that chooses among several (failover); null for one
     * with a single broker, which the connection's URL names.
     */
    default String currentBroker() {
        return null;
    }

    /** Drops the link without a handshake; pending requests fail. */
    void abort();
}
