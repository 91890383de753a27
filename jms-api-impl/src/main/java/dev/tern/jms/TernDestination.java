package dev.tern.jms;

import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;
import java.io.Serializable;
import java.util.Map;
import javax.naming.NamingException;
import javax.naming.Reference;
import javax.naming.Referenceable;

/**
 * A Tern queue or topic: a value object naming a destination on the broker. Queues and topics are
 * {@link Serializable} and {@link Referenceable} (rebuilt by {@link TernObjectFactory}), so JNDI can
 * bind them; temporary destinations live only as long as their connection and cannot be bound.
 */
public abstract sealed class TernDestination implements Destination, Serializable, Referenceable
        permits TernQueue, TernTopic {

    /** The reference address that holds the destination's name. */
    static final String NAME = "name";

    private static final long serialVersionUID = 1L;

    private final DestinationName name;
    private final DestinationOptions options;

    TernDestination(DestinationName name) {
        this(name, DestinationOptions.NONE);
    }

    TernDestination(DestinationName name, DestinationOptions options) {
        this.name = name;
        this.options = options;
    }

    /** The consumer settings given after a {@code ?} in the name this destination was created with. */
    DestinationOptions options() {
        // A destination serialized before options existed reads back with none.
        return options == null ? DestinationOptions.NONE : options;
    }

    /** The broker's name for this destination. */
    public DestinationName destinationName() {
        return name;
    }

    /** The destination object for a broker name, as found in a received message's headers. */
    public static TernDestination of(DestinationName name) {
        return switch (name.type()) {
            case QUEUE -> new TernQueue(name.name());
            case TOPIC -> new TernTopic(name.name());
            case TEMPORARY_QUEUE -> new TernTemporaryQueue(name.name(), null);
            case TEMPORARY_TOPIC -> new TernTemporaryTopic(name.name(), null);
        };
    }

    /**
     * The broker name of any destination: a Tern one, or another provider's queue or topic by its name.
     *
     * @throws InvalidDestinationException if the destination is null or neither a queue nor a topic
     */
    public static DestinationName nameOf(Destination destination) throws JMSException {
        if (destination == null) {
            throw new InvalidDestinationException("The destination is null; pass a Queue or Topic from "
                    + "Session.createQueue/createTopic or a JNDI lookup.");
        }
        if (destination instanceof TernDestination tern) {
            return tern.name;
        }
        if (destination instanceof TemporaryQueue queue) {
            return new DestinationName(DestinationType.TEMPORARY_QUEUE, queue.getQueueName());
        }
        if (destination instanceof TemporaryTopic topic) {
            return new DestinationName(DestinationType.TEMPORARY_TOPIC, topic.getTopicName());
        }
        if (destination instanceof Queue queue) {
            return DestinationName.queue(queue.getQueueName());
        }
        if (destination instanceof Topic topic) {
            return DestinationName.topic(topic.getTopicName());
        }
        throw new InvalidDestinationException("Unsupported destination type "
                + destination.getClass().getName() + "; use a jakarta.jms.Queue or jakarta.jms.Topic.");
    }

    /**
     * A reference holding the destination's name.
     *
     * @throws NamingException for a temporary destination
     */
    @Override
    public Reference getReference() throws NamingException {
        if (name.type().isTemporary()) {
            throw new NamingException("Temporary destination " + name + " lives only as long as its connection "
                    + "and cannot be bound in a directory.");
        }
        return TernObjectFactory.referenceTo(getClass(), Map.of(NAME, name.name() + options().query()));
    }

    /** Equal when they name the same destination; options do not count. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TernDestination other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name.toString();
    }
}
