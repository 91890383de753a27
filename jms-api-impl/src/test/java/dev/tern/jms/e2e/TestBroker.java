package dev.tern.jms.e2e;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.MutableClock;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.util.UUID;

/**
 * A fresh in-memory embedded broker for one test, reached over the given {@link Transport}. It is
 * kept alive by a connection of its own until {@link #close()}, since an embedded broker reached over
 * {@code vm://} stops with its last connection; a broker for {@code tcp://} is started pinned, listening
 * on an ephemeral port of 127.0.0.1, and stopped by {@link #close()}.
 */
final class TestBroker implements AutoCloseable {

    final String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
    final Transport transport;
    final String url;
    final TernConnectionFactory factory;
    final Connection keepAlive;
    private final boolean pinned;

    TestBroker(Transport transport) throws JMSException {
        this(transport, "");
    }

    /** A broker whose URL carries these {@code jms.*} client options, e.g. {@code jms.prefetch=1}. */
    TestBroker(Transport transport, String clientOptions) throws JMSException {
        this(transport, clientOptions, null);
    }

    /**
     * A broker that reads time from a clock the test moves, started pinned on both transports so that
     * the clock is the test's; {@code clock} null for the system clock.
     */
    TestBroker(Transport transport, String clientOptions, MutableClock clock) throws JMSException {
        this.transport = transport;
        this.pinned = transport == Transport.TCP || clock != null;
        String base;
        if (transport == Transport.TCP) {
            BrokerConfig config = BrokerConfig.named(name).withPersistent(false)
                    .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1"));
            Broker broker = EmbeddedBrokers.start(clock == null ? config : config.withClock(clock));
            base = "tcp://127.0.0.1:" + broker.tcpPort();
        } else if (clock != null) {
            EmbeddedBrokers.start(BrokerConfig.named(name).withPersistent(false).withClock(clock));
            base = "vm://" + name;
        } else {
            base = "vm://" + name + "?broker.persistent=false";
        }
        this.url = withOptions(base, clientOptions);
        this.factory = new TernConnectionFactory(url);
        this.keepAlive = factory.createConnection();
    }

    /** This broker's URL with more {@code jms.*} options. */
    String url(String clientOptions) {
        return withOptions(url, clientOptions);
    }

    private static String withOptions(String url, String options) {
        if (options.isEmpty()) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + options;
    }

    Connection connection() throws JMSException {
        return factory.createConnection();
    }

    Connection startedConnection() throws JMSException {
        Connection connection = factory.createConnection();
        connection.start();
        return connection;
    }

    /** Messages waiting on a queue of this broker, 0 if it has no such queue. */
    int messageCount(String queue) {
        return broker().messageCount(queue).orElse(0);
    }

    /** The broker itself, for what tests set or read on the broker's side. */
    Broker broker() {
        return EmbeddedBrokers.find(name).orElseThrow();
    }

    /** Stops the broker now, as if it crashed from the clients' point of view. */
    void stopBroker() {
        EmbeddedBrokers.stop(name);
    }

    @Override
    public void close() throws JMSException {
        try {
            keepAlive.close();
        } finally {
            if (pinned) {
                EmbeddedBrokers.stop(name);
            }
        }
    }
}
