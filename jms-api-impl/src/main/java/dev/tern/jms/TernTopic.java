package dev.tern.jms;

import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import jakarta.jms.Topic;

/** A topic: each subscription gets its own copy of every message. */
public sealed class TernTopic extends TernDestination implements Topic permits TernTemporaryTopic {

    private static final long serialVersionUID = 1L;

    public TernTopic(String name) {
        this(new DestinationName(DestinationType.TOPIC, name));
    }

    TernTopic(DestinationName name) {
        super(name);
    }

    @Override
    public String getTopicName() {
        return destinationName().name();
    }
}
