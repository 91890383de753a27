package dev.tern.broker.net;

/**
 * A protocol other than Tern's own (AMQP 1.0, STOMP) that the broker serves on a port of its own. Each
 * head lives in a module of its own and is found with {@link java.util.ServiceLoader}; it turns its
 * protocol's frames into the commands of a {@link dev.tern.broker.session.ServerConnection} and that
 * connection's events back into frames, so every broker rule applies whatever the protocol.
 */
public interface ProtocolHead {

    /** The protocol's name in configurations: {@code amqp}, {@code stomp}. */
    String name();

    /** The port the protocol is served on when the standalone broker is not told another. */
    int defaultPort();

    /**
     * Binds and starts accepting connections of this protocol.
     *
     * @param broker opens one broker connection per client connection
     * @param settings the address, limits and TLS of the port
     * @param threadPrefix starts the names of the acceptor's threads, e.g. {@code tern-BROKER}; the head adds
     *     its own name, as in {@code tern-BROKER-amqp-io-1}
     * @throws IllegalStateException if the address cannot be bound, naming it
     */
    ProtocolAcceptor start(BrokerEndpoint broker, TcpSettings settings, String threadPrefix);
}
