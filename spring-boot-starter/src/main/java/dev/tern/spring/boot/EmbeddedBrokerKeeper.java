package dev.tern.spring.boot;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.BrokerUrl;
import io.micrometer.core.instrument.MeterRegistry;
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
 *
 * <p>Given the application's {@link MeterRegistry} (Spring Boot Actuator's), it starts the broker itself,
 * with the URL's {@code broker.*} options, so that the broker's meters ({@code tern.*}) land in that
 * registry; when the context closes, the broker stops with its last connection, as one started by a
 * connection does. If a broker of that name already runs in the JVM, it is used as it is, without meters in
 * this registry.
 */
public class EmbeddedBrokerKeeper implements InitializingBean, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBrokerKeeper.class);

    private final ConnectionFactory connectionFactory;
    private final String brokerUrl;
    private final MeterRegistry meterRegistry;
    private Connection connection;
    private String startedBroker;

    /** A keeper that connects through the given factory to the embedded broker at the given URL. */
    public EmbeddedBrokerKeeper(ConnectionFactory connectionFactory, String brokerUrl) {
        this(connectionFactory, brokerUrl, null);
    }

    /**
     * A keeper that starts the embedded broker with its meters in this registry, then connects to it.
     *
     * @param meterRegistry the application's registry; null to let the first connection start the broker
     */
    public EmbeddedBrokerKeeper(ConnectionFactory connectionFactory, String brokerUrl, MeterRegistry meterRegistry) {
        this.connectionFactory = connectionFactory;
        this.brokerUrl = brokerUrl;
        this.meterRegistry = meterRegistry;
    }

    @Override
    public void afterPropertiesSet() throws JMSException {
        if (meterRegistry != null) {
            startWithMeters();
        }
        connection = connectionFactory.createConnection();
        LOG.info("Embedded Tern broker running at {}", brokerUrl);
    }

    /** Whether the keeper holds its connection now. */
    public boolean isHolding() {
        return connection != null;
    }

    /** Whether this keeper started the broker, with its meters in the application's registry. */
    public boolean startedTheBroker() {
        return startedBroker != null;
    }

    private void startWithMeters() {
        BrokerUrl url = BrokerUrl.parse(brokerUrl);
        if (EmbeddedBrokers.find(url.host()).filter(broker -> !broker.isClosed()).isPresent()) {
            LOG.info("Embedded Tern broker {} already runs in this JVM; its meters are not in this application's "
                    + "registry", url.host());
            return;
        }
        try {
            EmbeddedBrokers.start(BrokerConfig.fromOptions(url.host(), url.brokerOptions()).withMeterRegistry(meterRegistry));
            startedBroker = url.host();
        } catch (IllegalStateException startedMeanwhile) {
            LOG.info("Embedded Tern broker {} started meanwhile in this JVM; its meters are not in this application's "
                    + "registry", url.host());
        }
    }

    @Override
    public void destroy() throws JMSException {
        if (connection != null) {
            connection.close();
            connection = null;
            LOG.debug("Released the embedded Tern broker at {}", brokerUrl);
        }
        if (startedBroker != null) {
            // it stops with its last connection, so a context sharing it keeps it until that context closes
            EmbeddedBrokers.unpin(startedBroker);
            startedBroker = null;
        }
    }
}
