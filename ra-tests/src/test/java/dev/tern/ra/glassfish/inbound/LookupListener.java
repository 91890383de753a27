package dev.tern.ra.glassfish.inbound;

import dev.tern.ra.glassfish.Inbox;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Records what it receives from a queue found through {@code destinationLookup}. */
// className and the name property are for WildFly (see OutboundSender).
@JMSDestinationDefinition(name = LookupListener.QUEUE_RESOURCE, resourceAdapter = "tern-ra",
        interfaceName = "jakarta.jms.Queue", className = "dev.tern.ra.TernRaQueue",
        destinationName = LookupListener.QUEUE, properties = "name=" + LookupListener.QUEUE)
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = LookupListener.QUEUE_RESOURCE)})
public class LookupListener implements MessageListener {

    static final String QUEUE_RESOURCE = "java:global/jms/gfMdbLookupQueue";
    public static final String QUEUE = "gf.mdb.lookup";

    @Override
    public void onMessage(Message message) {
        Inbox.record(LookupListener.class.getSimpleName(), message);
    }
}
