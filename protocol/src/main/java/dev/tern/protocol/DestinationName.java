package dev.tern.protocol;

import java.io.Serializable;
import java.util.Objects;

/**
 * A destination's kind and name; the identity of a queue or topic on the broker. Serializable so that
 * the client's destination objects, which hold one, can be serialized (JNDI, Jakarta EE servers).
 *
 * <p>The name of a plain queue or topic must not start with {@value #TEMPORARY_PREFIX}: the broker keeps
 * that prefix for its temporary destinations and refuses such a name as an invalid destination.
 */
public record DestinationName(DestinationType type, String name) implements Serializable {

    /** Starts the broker's internal names of temporary destinations; reserved in plain names. */
    public static final String TEMPORARY_PREFIX = "temp:";

    public DestinationName {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    public static DestinationName queue(String name) {
        return new DestinationName(DestinationType.QUEUE, name);
    }

    public static DestinationName topic(String name) {
        return new DestinationName(DestinationType.TOPIC, name);
    }

    @Override
    public String toString() {
        return (type.isQueue() ? "queue://" : "topic://") + name;
    }
}
