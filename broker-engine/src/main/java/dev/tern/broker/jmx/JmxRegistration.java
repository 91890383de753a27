package dev.tern.broker.jmx;

import dev.tern.broker.Broker;
import dev.tern.broker.core.MessageQueue;
import dev.tern.broker.core.QueueLifecycle;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a broker's MBeans: {@code dev.tern:type=Broker,name=BROKER} for the broker, and beneath it one
 * per queue ({@code component=queues}) and topic subscription ({@code component=subscriptions}), each
 * {@code queue=NAME}, registered and unregistered as the queues come and go. Names are quoted where they
 * hold characters an object name reserves.
 */
public final class JmxRegistration implements QueueLifecycle, AutoCloseable {

    /** The domain of every Tern MBean. */
    public static final String DOMAIN = "dev.tern";
    private static final Logger LOG = LoggerFactory.getLogger(JmxRegistration.class);

    private final MBeanServer server;
    private final Broker broker;
    private final ObjectName brokerName;

    private JmxRegistration(MBeanServer server, Broker broker) {
        this.server = server;
        this.broker = broker;
        this.brokerName = brokerName(broker.config().name());
    }

    /**
     * Registers the broker's MBean, then those of its queues as they come and go.
     *
     * @param server where to register them, such as the platform's, which {@code jconsole} and VisualVM show
     * @throws IllegalStateException if a broker of that name is registered there already
     */
    public static JmxRegistration register(Broker broker, MBeanServer server) {
        JmxRegistration registration = new JmxRegistration(server, broker);
        try {
            registration.server.registerMBean(new BrokerControl(broker), registration.brokerName);
        } catch (JMException e) {
            throw new IllegalStateException("Cannot register the MBean " + registration.brokerName + ": " + e.getMessage(), e);
        }
        broker.postOffice().watchQueues(registration);
        return registration;
    }

    /** The object name of a broker's MBean. */
    public static ObjectName brokerName(String broker) {
        return objectName("type=Broker,name=" + quoted(broker));
    }

    /** The object name of a queue's MBean, beneath its broker's. */
    public static ObjectName queueName(String broker, String queue, boolean subscription) {
        return objectName("type=Broker,name=" + quoted(broker) + ",component=" + (subscription ? "subscriptions" : "queues")
                + ",queue=" + quoted(queue));
    }

    @Override
    public void added(MessageQueue queue) {
        ObjectName name = nameOf(queue);
        try {
            unregister(name); // one left by a queue of the same name that was replaced
            server.registerMBean(new QueueControl(broker, queue), name);
        } catch (JMException e) {
            LOG.warn("Cannot register the MBean {}: {}", name, e.getMessage());
        }
    }

    @Override
    public void removed(MessageQueue queue) {
        unregister(nameOf(queue));
    }

    /** Unregisters every MBean of the broker, and registers none for queues created from now on. */
    @Override
    public void close() {
        broker.postOffice().unwatchQueues(this);
        broker.postOffice().queues().forEach(this::removed);
        unregister(brokerName);
    }

    private ObjectName nameOf(MessageQueue queue) {
        return queueName(broker.config().name(), queue.name(), queue.definition().topicSubscription());
    }

    private void unregister(ObjectName name) {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException gone) {
            // unregistered already
        } catch (JMException e) {
            LOG.warn("Cannot unregister the MBean {}: {}", name, e.getMessage());
        }
    }

    /** A value as it is if an object name allows it, else quoted. */
    private static String quoted(String value) {
        return value.matches("[A-Za-z0-9._\\-]+") ? value : ObjectName.quote(value);
    }

    /** The keys in this order, which jconsole's tree follows. */
    private static ObjectName objectName(String keys) {
        try {
            return new ObjectName(DOMAIN + ":" + keys);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("Not a valid MBean name: " + keys + ": " + e.getMessage(), e);
        }
    }
}
