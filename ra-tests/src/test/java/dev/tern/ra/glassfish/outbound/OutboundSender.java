package dev.tern.ra.glassfish.outbound;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.Queue;

/**
 * Sends through Tern's resource adapter in container-managed transactions: the connection factory and
 * a queue are defined by annotations that name the adapter.
 */
@JMSConnectionFactoryDefinition(name = OutboundSender.FACTORY, resourceAdapter = "tern-ra",
        interfaceName = "jakarta.jms.ConnectionFactory", transactional = true, minPoolSize = 0, maxPoolSize = 4)
// className and the name property are for WildFly, which ignores destinationName for an adapter other
// than its own and needs the administered object's class.
@JMSDestinationDefinition(name = OutboundSender.QUEUE_RESOURCE, resourceAdapter = "tern-ra",
        interfaceName = "jakarta.jms.Queue", className = "dev.tern.ra.TernRaQueue",
        destinationName = OutboundSender.QUEUE, properties = "name=" + OutboundSender.QUEUE)
@Stateless
public class OutboundSender {

    static final String FACTORY = "java:app/jms/ternOutbound";
    static final String QUEUE_RESOURCE = "java:app/jms/outboundQueue";
    public static final String QUEUE = "gf.outbound.defined";

    @Resource(lookup = FACTORY)
    ConnectionFactory factory;

    @Resource(lookup = QUEUE_RESOURCE)
    Queue definedQueue;

    @Resource
    SessionContext ejb;

    /** Sends to the queue defined by {@link JMSDestinationDefinition}; commits with the method. */
    public void sendToDefinedQueue(String text) {
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(definedQueue, text);
        }
    }

    /** Sends to a queue by name; commits with the method. */
    public void send(String queue, String text) {
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(context.createQueue(queue), text);
        }
    }

    /** Sends, then marks the transaction for rollback. */
    public void sendThenSetRollbackOnly(String queue, String text) {
        send(queue, text);
        ejb.setRollbackOnly();
    }

    /** Sends, then throws a system exception, which rolls the transaction back. */
    public void sendThenFail(String queue, String text) {
        send(queue, text);
        throw new IllegalStateException("Failing after sending " + text);
    }
}
