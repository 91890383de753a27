package dev.tern.ra.glassfish.durable;

import dev.tern.ra.glassfish.Inbox;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Records what it receives through a durable subscription to a topic. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = DurableListener.TOPIC),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
        @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "gf-durable-subscription"),
        @ActivationConfigProperty(propertyName = "clientId", propertyValue = "gf-durable-client")})
public class DurableListener implements MessageListener {

    public static final String TOPIC = "gf.durable.topic";

    @Override
    public void onMessage(Message message) {
        Inbox.record(DurableListener.class.getSimpleName(), message);
    }
}
