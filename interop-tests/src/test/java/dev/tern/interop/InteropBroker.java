package dev.tern.interop;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.policy.AddressPolicies;

import java.nio.file.Path;
import java.util.Map;

/**
 * A broker in the test JVM serving Tern's own protocol, AMQP 1.0 and STOMP, each on a free port of loopback.
 * Persistent when given a data directory, so that {@link #restart()} keeps what was stored.
 */
final class InteropBroker implements AutoCloseable {

    private final BrokerConfig config;
    private Broker broker;

    private InteropBroker(BrokerConfig config) {
        this.config = config;
        this.broker = Broker.start(config);
    }

    /** A broker in memory with these destination policies ({@code pattern.setting -> value}). */
    static InteropBroker inMemory(String name, Map<String, String> policies) {
        return new InteropBroker(config(name, policies).withPersistent(false));
    }

    /** A broker journaling to {@code dataDir}. */
    static InteropBroker persistent(String name, Path dataDir) {
        return new InteropBroker(config(name, Map.of()).withPersistent(true).withDataDir(dataDir));
    }

    private static BrokerConfig config(String name, Map<String, String> policies) {
        return BrokerConfig.named(name)
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1"))
                .withProtocol("amqp", TcpSettings.onPort(0).withHost("127.0.0.1"))
                .withProtocol("stomp", TcpSettings.onPort(0).withHost("127.0.0.1"))
                .withPolicies(AddressPolicies.fromOptions(policies));
    }

    Broker broker() {
        return broker;
    }

    /** Stops the broker and starts it again on the same data (on new ports). */
    void restart() {
        broker.close();
        broker = Broker.start(config);
    }

    String tcpUrl() {
        return "tcp://127.0.0.1:" + broker.tcpPort();
    }

    String amqpUrl() {
        return "amqp://127.0.0.1:" + broker.protocolAcceptor("amqp").port();
    }

    /** STOMP has no URL scheme of its own; the clients take {@code HOST:PORT}. */
    String stompHostPort() {
        return "127.0.0.1:" + broker.protocolAcceptor("stomp").port();
    }

    /** Messages waiting on a queue, 0 if it does not exist. */
    int messageCount(String queue) {
        return broker.messageCount(queue).orElse(0);
    }

    @Override
    public void close() {
        broker.close();
    }
}
