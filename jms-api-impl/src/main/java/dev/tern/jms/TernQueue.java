package dev.tern.jms;

import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import jakarta.jms.Queue;

/** A queue: each message goes to one consumer. */
public sealed class TernQueue extends TernDestination implements Queue permits TernTemporaryQueue {

    private static final long serialVersionUID = 1L;

    public TernQueue(String name) {
        this(new DestinationName(DestinationType.QUEUE, name));
    }

    TernQueue(DestinationName name) {
        super(name);
    }

    @Override
    public String getQueueName() {
        return destinationName().name();
    }
}
