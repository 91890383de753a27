package dev.tern.spring;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.core.MessageQueue;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.util.UUID;

/**
 * A fresh in-memory Tern broker for one test, reached over a {@link Transport}. Over {@code vm://} a
 * connection of its own keeps it alive (an embedded broker stops with its last connection); over
 * {@code tcp://} it is started pinned on an ephemeral port of 127.0.0.1. {@link #close()} stops it.
 */
final class TernTestBroker implements AutoCloseable {

    final String name = "spring-" + UUID.randomUUID().toString().substring(0, 8);
    final Transport transport;
    private final String url;
    private final Connection keepAlive;

    TernTestBroker(Transport transport) throws JMSException {
        this.transport = transport;
        if (transport == Transport.TCP) {
            Broker broker = EmbeddedBrokers.start(BrokerConfig.named(name).withPersistent(false)
                    .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1")));
            url = "tcp://127.0.0.1:" + broker.tcpPort();
            keepAlive = null;
        } else {
            url = "vm://" + name + "?broker.persistent=false";
            keepAlive = new TernConnectionFactory(url).createConnection();
        }
    }

    /** The broker itself, to set its policies. */
    Broker broker() {
        return EmbeddedBrokers.find(name).orElseThrow();
    }

    /** The broker's URL. */
    String url() {
        return url;
    }

    /** The broker's URL with more {@code jms.*} client options, e.g. {@code jms.prefetch=1}. */
    String url(String clientOptions) {
        return url + (url.contains("?") ? "&" : "?") + clientOptions;
    }

    /** A plain Tern connection factory for this broker. */
    TernConnectionFactory connectionFactory() {
        return new TernConnectionFactory(url);
    }

    /** Client connections the broker holds now, not counting the one that keeps it alive. */
    int clientConnections() {
        int all = broker().connectionCount();
        return keepAlive == null ? all : all - 1;
    }

    /** Consumers attached now to the subscriptions of a topic, durable or not, shared or not. */
    int topicConsumers(String topic) {
        return broker().postOffice().subscriptionsOf(topic).stream()
                .mapToInt(MessageQueue::consumerCount).sum();
    }

    @Override
    public void close() throws JMSException {
        try {
            if (keepAlive != null) {
                keepAlive.close();
            }
        } finally {
            EmbeddedBrokers.stop(name);
        }
    }
}
