package dev.tern.ra.glassfish.inbound;

import dev.tern.ra.glassfish.Inbox;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Records what it receives from a queue found through {@code destinationLookup}. */
@JMSDestinationDefinition(name = LookupListener.QUEUE_RESOURCE, resourceAdapter = "tern-ra",
        interfaceName = "jakarta.jms.Queue", destinationName = LookupListener.QUEUE)
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = LookupListener.QUEUE_RESOURCE)})
public class LookupListener implements MessageListener {

    static final String QUEUE_RESOURCE = "java:global/jms/gfMdbLookupQueue";
    static final String QUEUE = "gf.mdb.lookup";

    @Override
    public void onMessage(Message message) {
        Inbox.record(LookupListener.class.getSimpleName(), message);
    }
}
