package dev.tern.ra.glassfish.inbound;

import dev.tern.ra.glassfish.Inbox;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Forwards each message to another queue through the adapter's connection factory, in the transaction
 * in which it received it. A message whose text starts with {@code fail-first} makes the first attempt
 * throw after forwarding, so that the forward and the receipt roll back together.
 */
@JMSConnectionFactoryDefinition(name = ForwardingListener.FACTORY, resourceAdapter = "tern-ra",
        interfaceName = "jakarta.jms.ConnectionFactory", transactional = true, minPoolSize = 0, maxPoolSize = 4)
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = ForwardingListener.IN)})
public class ForwardingListener implements MessageListener {

    static final String FACTORY = "java:app/jms/ternForwarding";
    public static final String IN = "gf.mdb.forward.in";
    public static final String OUT = "gf.mdb.forward.out";

    @Resource(lookup = FACTORY)
    ConnectionFactory factory;

    @Override
    public void onMessage(Message message) {
        Inbox.record(ForwardingListener.class.getSimpleName(), message);
        try (JMSContext context = factory.createContext()) {
            String text = message.getBody(String.class);
            context.createProducer().send(context.createQueue(OUT), "forwarded " + text);
            if (text.startsWith("fail-first") && !message.getJMSRedelivered()) {
                throw new IllegalStateException("First attempt fails after forwarding " + text);
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
