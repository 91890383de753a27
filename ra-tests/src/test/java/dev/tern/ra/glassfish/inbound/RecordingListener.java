package dev.tern.ra.glassfish.inbound;

import dev.tern.ra.glassfish.Inbox;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Records what it receives from a queue named in the {@code destination} property. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = RecordingListener.QUEUE)})
public class RecordingListener implements MessageListener {

    public static final String QUEUE = "gf.mdb.plain";

    @Override
    public void onMessage(Message message) {
        Inbox.record(RecordingListener.class.getSimpleName(), message);
    }
}
