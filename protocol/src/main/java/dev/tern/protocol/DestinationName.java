package dev.tern.protocol;

import java.io.Serializable;
import java.util.Objects;

/**
 * A destination's kind and name; the identity of a queue or topic on the broker. Serializable so that
 * the client's destination objects, which hold one, can be serialized (JNDI, Jakarta EE servers).
 */
public record DestinationName(DestinationType type, String name) implements Serializable {

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
