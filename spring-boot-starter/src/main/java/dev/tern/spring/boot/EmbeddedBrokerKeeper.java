package dev.tern.spring.boot;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Keeps the embedded broker of a {@code vm://} URL running for as long as the application context
 * lives. An embedded Tern broker stops with its last connection, and an in-memory one loses its queues
 * and messages then; this bean holds one idle connection from start-up until the context closes, after
 * the listener containers have stopped.
 */
public class EmbeddedBrokerKeeper implements InitializingBean, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBrokerKeeper.class);

    private final ConnectionFactory connectionFactory;
    private final String brokerUrl;
    private Connection connection;

    /** A keeper that connects through the given factory to the embedded broker at the given URL. */
    public EmbeddedBrokerKeeper(ConnectionFactory connectionFactory, String brokerUrl) {
        this.connectionFactory = connectionFactory;
        this.brokerUrl = brokerUrl;
    }

    @Override
    public void afterPropertiesSet() throws JMSException {
        connection = connectionFactory.createConnection();
        LOG.info("Embedded Tern broker running at {}", brokerUrl);
    }

    /** Whether the keeper holds its connection now. */
    public boolean isHolding() {
        return connection != null;
    }

    @Override
    public void destroy() throws JMSException {
        if (connection != null) {
            connection.close();
            connection = null;
            LOG.debug("Released the embedded Tern broker at {}", brokerUrl);
        }
    }
}
