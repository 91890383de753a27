package dev.tern.jms.provider;

import dev.tern.protocol.Command;
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
     * @return completes when the broker answers: normally on success, with a {@link ProviderException}
     *     when the broker refused, or with a {@link ProviderException} when the connection is lost
     */
    CompletableFuture<Void> request(LongFunction<Command> command);

    /** Sends a command the broker does not answer. */
    void post(LongFunction<Command> command);

    /** Drops the link without a handshake; pending requests fail. */
    void abort();
}
