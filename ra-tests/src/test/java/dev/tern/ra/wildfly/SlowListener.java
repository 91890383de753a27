package dev.tern.ra.wildfly;

import dev.tern.ra.glassfish.Inbox;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.time.Duration;

/**
 * Records each delivery, takes {@link #HOLD} over it, then reports it done on {@link #DONE} in the
 * delivery's transaction: a message is on {@link #QUEUE} or on {@link #DONE}, never both, never neither.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = SlowListener.QUEUE),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")})
public class SlowListener implements MessageListener {

    static final String QUEUE = "wf.undeploy.slow";
    static final String DONE = "wf.undeploy.done";
    static final Duration HOLD = Duration.ofSeconds(5);

    @Resource(lookup = WildFlySender.FACTORY)
    ConnectionFactory factory;

    @Override
    public void onMessage(Message message) {
        Inbox.record(SlowListener.class.getSimpleName(), message);
        try {
            Thread.sleep(HOLD.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(context.createQueue(DONE), message.getBody(String.class));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
