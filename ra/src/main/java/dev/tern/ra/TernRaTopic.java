package dev.tern.ra;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.Topic;

/** A topic administered object ({@code jakarta.jms.Topic}) with a {@code name} property. */
public class TernRaTopic extends TernRaDestination implements Topic {

    private static final long serialVersionUID = 1L;

    public TernRaTopic() {
    }

    public TernRaTopic(String name) {
        super(name);
    }

    @Override
    public String getTopicName() throws JMSException {
        return brokerName();
    }

    @Override
    Destination toSessionDestination(Session session) throws JMSException {
        brokerName();
        return session.createTopic(getName());
    }
}
