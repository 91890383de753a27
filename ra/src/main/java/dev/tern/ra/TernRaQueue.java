package dev.tern.ra;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;

/** A queue administered object ({@code jakarta.jms.Queue}) with a {@code name} property. */
public class TernRaQueue extends TernRaDestination implements Queue {

    private static final long serialVersionUID = 1L;

    public TernRaQueue() {
    }

    public TernRaQueue(String name) {
        super(name);
    }

    @Override
    public String getQueueName() throws JMSException {
        return brokerName();
    }

    @Override
    Destination toSessionDestination(Session session) throws JMSException {
        brokerName();
        return session.createQueue(getName());
    }
}
