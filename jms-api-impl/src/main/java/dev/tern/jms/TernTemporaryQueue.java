package dev.tern.jms;

import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;

/** A queue that lives as long as the connection that created it. */
public final class TernTemporaryQueue extends TernQueue implements TemporaryQueue {

    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationOwner owner;

    TernTemporaryQueue(String name, TemporaryDestinationOwner owner) {
        super(new DestinationName(DestinationType.TEMPORARY_QUEUE, name));
        this.owner = owner;
    }

    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new IllegalStateException("Only the connection that created temporary queue "
                    + getQueueName() + " can delete it.");
        }
        owner.deleteTemporaryDestination(this);
    }
}
