package dev.tern.ra.glassfish.undeploy;

import dev.tern.ra.glassfish.Inbox;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Records each delivery, then holds it at the {@link Gate}: messages stay in flight until the test says. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = HeldListener.QUEUE),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")})
public class HeldListener implements MessageListener {

    static final String QUEUE = "gf.undeploy.held";

    @Override
    public void onMessage(Message message) {
        Inbox.record(HeldListener.class.getSimpleName(), message);
        try {
            Gate.pass();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
