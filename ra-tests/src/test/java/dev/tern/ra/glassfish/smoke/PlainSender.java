package dev.tern.ra.glassfish.smoke;

import dev.tern.jms.TernConnectionFactory;
import jakarta.ejb.Stateless;
import jakarta.jms.JMSContext;

/** An EJB that sends with the plain Tern client, to the broker named by {@code tern.test.brokerUrl}. */
@Stateless
public class PlainSender {

    /** Sends one text message to a queue, outside any container-managed resource. */
    public void send(String queue, String text) {
        TernConnectionFactory factory = new TernConnectionFactory(System.getProperty("tern.test.brokerUrl"));
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(context.createQueue(queue), text);
        }
    }
}
