package dev.tern.jms.e2e;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.util.UUID;

/**
 * A fresh in-memory embedded broker for one test, kept alive by a connection of its own until
 * {@link #close()}, since an embedded broker stops with its last connection.
 */
final class TestBroker implements AutoCloseable {

    final String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
    final String url;
    final TernConnectionFactory factory;
    final Connection keepAlive;

    TestBroker() throws JMSException {
        this("broker.persistent=false");
    }

    TestBroker(String options) throws JMSException {
        this.url = "vm://" + name + "?" + options;
        this.factory = new TernConnectionFactory(url);
        this.keepAlive = factory.createConnection();
    }

    Connection connection() throws JMSException {
        return factory.createConnection();
    }

    Connection startedConnection() throws JMSException {
        Connection connection = factory.createConnection();
        connection.start();
        return connection;
    }

    @Override
    public void close() throws JMSException {
        keepAlive.close();
    }
}
