package dev.tern.jms;

import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import jakarta.jms.Topic;

/** A topic: each subscription gets its own copy of every message. */
public sealed class TernTopic extends TernDestination implements Topic permits TernTemporaryTopic {

    private static final long serialVersionUID = 1L;

    /**
     * A topic by name; options after a {@code ?} set how its consumers behave (see {@link DestinationOptions}).
     *
     * @throws IllegalArgumentException if an option is malformed
     */
    public TernTopic(String name) {
        this(DestinationOptions.parse(name));
    }

    private TernTopic(DestinationOptions.Parsed parsed) {
        super(new DestinationName(DestinationType.TOPIC, parsed.name()), parsed.options());
    }

    TernTopic(DestinationName name) {
        super(name);
    }

    @Override
    public String getTopicName() {
        return destinationName().name();
    }
}
