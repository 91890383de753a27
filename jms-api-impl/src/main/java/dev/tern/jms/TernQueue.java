package dev.tern.jms;

import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import jakarta.jms.Queue;

/** A queue: each message goes to one consumer. */
public sealed class TernQueue extends TernDestination implements Queue permits TernTemporaryQueue {

    private static final long serialVersionUID = 1L;

    /**
     * A queue by name; options after a {@code ?} set how its consumers behave (see {@link DestinationOptions}).
     *
     * @throws IllegalArgumentException if an option is malformed
     */
    public TernQueue(String name) {
        this(DestinationOptions.parse(name));
    }

    private TernQueue(DestinationOptions.Parsed parsed) {
        super(new DestinationName(DestinationType.QUEUE, parsed.name()), parsed.options());
    }

    TernQueue(DestinationName name) {
        super(name);
    }

    @Override
    public String getQueueName() {
        return destinationName().name();
    }
}
