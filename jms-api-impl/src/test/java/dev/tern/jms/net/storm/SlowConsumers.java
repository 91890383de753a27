package dev.tern.jms.net.storm;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumers that never read: each on a started connection of its own, with a prefetch window the broker
 * fills and the application never empties, since it never calls {@code receive}.
 */
final class SlowConsumers implements AutoCloseable {

    private final List<Connection> connections = new ArrayList<>();

    private SlowConsumers() {
    }

    /**
     * Opens {@code count} connections with one consumer each on {@code queue}.
     *
     * @param brokerUrl the broker's {@code tcp://} URL, without options
     * @param prefetch each consumer's window
     */
    static SlowConsumers open(String brokerUrl, String queue, int count, int prefetch) throws JMSException {
        TernConnectionFactory factory = new TernConnectionFactory(brokerUrl + "?jms.prefetch=" + prefetch);
        SlowConsumers consumers = new SlowConsumers();
        try {
            for (int i = 0; i < count; i++) {
                Connection connection = factory.createConnection();
                consumers.connections.add(connection);
                Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
                session.createConsumer(session.createQueue(queue));
                connection.start();
            }
        } catch (JMSException | RuntimeException e) {
            consumers.close();
            throw e;
        }
        return consumers;
    }

    /** Closes every connection; what the consumers held goes back to the queue. */
    @Override
    public void close() throws JMSException {
        JMSException first = null;
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (JMSException e) {
                first = first == null ? e : first;
            }
        }
        connections.clear();
        if (first != null) {
            throw first;
        }
    }
}
