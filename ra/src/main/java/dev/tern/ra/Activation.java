package dev.tern.ra;

import dev.tern.jms.TernConnection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XASession;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message endpoint activated: a connection with {@code maxSession} XA sessions whose consumers
 * deliver to the endpoint (see {@link EndpointDelivery}). It connects on a WorkManager thread, trying
 * again per the spec's reconnect settings, reconnects when the broker goes away, and {@link #stop}s within
 * a bounded time even when an endpoint never returns.
 */
final class Activation {

    private static final Logger LOG = LoggerFactory.getLogger(Activation.class);

    private final ActivationConfig config;
    private final MessageEndpointFactory endpointFactory;
    private final WorkManager workManager;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object lock = new Object();
    private Consumers current;

    Activation(ActivationConfig config, MessageEndpointFactory endpointFactory, WorkManager workManager) {
        this.config = config;
        this.endpointFactory = endpointFactory;
        this.workManager = workManager;
    }

    /** Connects on a WorkManager thread; the server's deployment does not wait for the broker. */
    void start() throws WorkException {
        scheduleConnect();
    }

    /** True while the consumers are open on a live connection. */
    boolean isConnected() {
        synchronized (lock) {
            return current != null && !isStopped();
        }
    }

    /**
     * Closes the consumers and the connection. Deliveries still running after {@code timeout} are
     * abandoned (their messages return to the broker) so that the sessions close; whatever still hangs
     * after that is left behind with a warning.
     */
    void stop(Duration timeout) {
        stopped.countDown();
        Consumers consumers;
        synchronized (lock) {
            consumers = current;
            current = null;
        }
        if (consumers != null) {
            consumers.close(timeout);
        }
        LOG.info("Deactivated endpoint {}", endpointFactory);
    }

    private boolean isStopped() {
        return stopped.getCount() == 0;
    }

    private void scheduleConnect() throws WorkException {
        workManager.scheduleWork(new ConnectWork());
    }

    private void connectionLost(JMSException cause) {
        Consumers lost;
        synchronized (lock) {
            if (isStopped() || current == null || !current.isLost()) {
                return;
            }
            lost = current;
            current = null;
        }
        LOG.warn("Lost the broker of endpoint {}: {}; reconnecting", endpointFactory, cause.getMessage());
        lost.close(Duration.ofSeconds(10));
        try {
            scheduleConnect();
        } catch (WorkException e) {
            LOG.error("Cannot schedule the reconnection of endpoint {}; it receives nothing until redeployed",
                    endpointFactory, e);
        }
    }

    /** Tries to connect until it succeeds, the attempts run out, or the activation stops. */
    private final class ConnectWork implements Work {
        @Override
        public void run() {
            int failures = 0;
            while (!isStopped()) {
                try {
                    Consumers opened = open();
                    synchronized (lock) {
                        if (!isStopped()) {
                            current = opened;
                            LOG.info("Endpoint {} receives from {} through {} session(s)", endpointFactory,
                                    opened.destination, opened.deliveries.size());
                            return;
                        }
                    }
                    opened.close(Duration.ofSeconds(1));
                    return;
                } catch (JMSException | ResourceException | RuntimeException e) {
                    failures++;
                    if (!config.mayAttempt(failures)) {
                        LOG.error("Endpoint {} could not connect to {} after {} attempt(s); it receives nothing until "
                                + "redeployed: {}", endpointFactory, config.settings(), failures, e.toString());
                        return;
                    }
                    LOG.warn("Endpoint {} could not connect to {} (attempt {}): {}; trying again in {} ms",
                            endpointFactory, config.settings(), failures, e.toString(), config.reconnectInterval().toMillis());
                }
                try {
                    if (stopped.await(config.reconnectInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public void release() {
            // stop() wakes the wait between attempts
        }
    }

    private Consumers open() throws JMSException, ResourceException {
        XAConnection connection = connectionFactory().createXAConnection();
        try {
            connection.setExceptionListener(this::connectionLost);
            boolean transacted = isDeliveryTransacted();
            XASession first = connection.createXASession();
            Destination destination = destination(first);
            boolean topic = destination instanceof Topic;
            int sessionCount = config.sessionCount(topic);
            Consumers consumers = new Consumers(connection, destination);
            for (int i = 0; i < sessionCount; i++) {
                XASession session = i == 0 ? first : connection.createXASession();
                EndpointDelivery delivery = new EndpointDelivery(endpointFactory, workManager,
                        transacted ? new DeliveryXAResource(session.getXAResource()) : null);
                MessageConsumer consumer = consumer(session, destination);
                consumer.setMessageListener(delivery);
                consumers.deliveries.add(delivery);
            }
            connection.start();
            return consumers;
        } catch (JMSException | ResourceException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private MessageConsumer consumer(XASession session, Destination destination) throws JMSException {
        String selector = config.selector();
        if (destination instanceof Topic topic) {
            String name = config.subscriptionName();
            if (config.durable()) {
                return config.shared() ? session.createSharedDurableConsumer(topic, name, selector)
                        : session.createDurableConsumer(topic, name, selector, false);
            }
            return config.shared() ? session.createSharedConsumer(topic, name, selector)
                    : session.createConsumer(topic, selector);
        }
        return session.createConsumer(destination, selector);
    }

    private Destination destination(XASession session) throws JMSException, ResourceException {
        if (config.destinationLookup() != null) {
            Object found = lookup(config.destinationLookup());
            if (found instanceof TernRaDestination administered) {
                return administered.toSessionDestination(session);
            }
            if (found instanceof Queue || found instanceof Topic) {
                return (Destination) found;
            }
            throw new ResourceException("destinationLookup " + config.destinationLookup() + " names a "
                    + found.getClass().getName() + ", not a jakarta.jms.Queue or Topic.");
        }
        return config.kind() == TernActivationSpec.DestinationKind.TOPIC ? session.createTopic(config.destination())
                : session.createQueue(config.destination());
    }

    private XAConnectionFactory connectionFactory() throws ResourceException {
        if (config.connectionFactoryLookup() == null) {
            return config.settings().connectionFactory();
        }
        Object found = lookup(config.connectionFactoryLookup());
        if (found instanceof TernRaConnectionFactory administered) {
            ConnectionSettings settings = administered.settings();
            return new ConnectionSettings(settings.brokerUrl(), settings.clientOptions(), settings.userName(),
                    settings.password(), config.settings().clientId()).connectionFactory();
        }
        if (found instanceof XAConnectionFactory xa) {
            return xa;
        }
        throw new ResourceException("connectionFactoryLookup " + config.connectionFactoryLookup() + " names a "
                + found.getClass().getName() + ", not a Tern connection factory.");
    }

    private static Object lookup(String name) throws ResourceException {
        try {
            return new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new ResourceException("JNDI lookup of " + name + " failed: " + e.getMessage(), e);
        }
    }

    private boolean isDeliveryTransacted() throws ResourceException {
        try {
            return endpointFactory.isDeliveryTransacted(DeliveryWork.ON_MESSAGE);
        } catch (NoSuchMethodException e) {
            throw new ResourceException("The endpoint is not a jakarta.jms.MessageListener", e);
        }
    }

    private static void closeQuietly(XAConnection connection) {
        try {
            connection.close();
        } catch (JMSException e) {
            LOG.debug("Closing a connection that failed to open: {}", e.getMessage());
        }
    }

    /** An open connection, its destination and the listeners of its sessions. */
    private static final class Consumers {
        final XAConnection connection;
        final Destination destination;
        final List<EndpointDelivery> deliveries = new ArrayList<>();

        Consumers(XAConnection connection, Destination destination) {
            this.connection = connection;
            this.destination = destination;
        }

        boolean isLost() {
            return connection instanceof TernConnection tern && tern.isLost();
        }

        /** Closes the connection, abandoning deliveries still running after {@code timeout}. */
        void close(Duration timeout) {
            Thread closer = new Thread(() -> closeQuietly(connection), "tern-ra-close-" + destination);
            closer.setDaemon(true);
            closer.start();
            try {
                closer.join(timeout.toMillis());
                if (closer.isAlive()) {
                    LOG.warn("Endpoint deliveries on {} still running after {} ms; abandoning them", destination,
                            timeout.toMillis());
                    deliveries.forEach(EndpointDelivery::abandon);
                    closer.join(Math.max(1_000, timeout.toMillis() / 2));
                    if (closer.isAlive()) {
                        LOG.warn("The connection of {} did not close; leaving it behind", destination);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                deliveries.forEach(EndpointDelivery::abandon);
            }
        }
    }
}
