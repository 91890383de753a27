package dev.tern.ra.glassfish.inbound;

import dev.tern.ra.glassfish.Inbox;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Records each delivery, then throws: the container rolls its transaction back every time. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = FailingListener.QUEUE)})
public class FailingListener implements MessageListener {

    public static final String QUEUE = "gf.mdb.failing";
    public static final String DEAD_LETTERS = "gf.mdb.failing.DLQ";

    @Override
    public void onMessage(Message message) {
        Inbox.record(FailingListener.class.getSimpleName(), message);
        throw new IllegalStateException("FailingListener fails on purpose");
    }
}
