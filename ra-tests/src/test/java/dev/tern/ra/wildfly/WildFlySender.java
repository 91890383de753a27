package dev.tern.ra.wildfly;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

/**
 * Sends through Tern's resource adapter in container-managed transactions, with the connection factory
 * and the queue that the adapter's {@code META-INF/ironjacamar.xml} binds in WildFly's JNDI.
 */
@Stateless
public class WildFlySender {

    static final String FACTORY = "java:/jms/tern/ConnectionFactory";
    static final String QUEUE_RESOURCE = "java:/jms/tern/outboundQueue";
    /** The queue name of {@link #QUEUE_RESOURCE}, as ironjacamar.xml sets it. */
    static final String QUEUE = "wf.outbound.defined";

    @Resource(lookup = FACTORY)
    ConnectionFactory factory;

    @Resource(lookup = QUEUE_RESOURCE)
    Queue definedQueue;

    @Resource
    SessionContext ejb;

    /** Sends to the administered queue; commits with the method. */
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
