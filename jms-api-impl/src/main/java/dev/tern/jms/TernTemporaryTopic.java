package dev.tern.jms;

import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;

/** A topic that lives as long as the connection that created it. */
public final class TernTemporaryTopic extends TernTopic implements TemporaryTopic {

    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationOwner owner;

    TernTemporaryTopic(String name, TemporaryDestinationOwner owner) {
        super(new DestinationName(DestinationType.TEMPORARY_TOPIC, name));
        this.owner = owner;
    }

    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new IllegalStateException("Only the connection that created temporary topic "
                    + getTopicName() + " can delete it.");
        }
        owner.deleteTemporaryDestination(this);
    }
}
