package dev.tern.ra;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.io.Serializable;
import java.util.Objects;

/**
 * A queue or topic as a server's administered object: a JavaBean with a {@code name} property (alias
 * {@code physicalName}), which the server sets from the admin object's configuration. The name may carry
 * Tern destination options after a {@code ?}, as {@code Session.createQueue} accepts.
 */
public abstract class TernRaDestination implements Destination, Serializable {

    private static final long serialVersionUID = 1L;

    private String name;

    TernRaDestination() {
    }

    TernRaDestination(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** The same as {@link #getName()}, for configurations written for ActiveMQ or Artemis. */
    public String getPhysicalName() {
        return name;
    }

    public void setPhysicalName(String physicalName) {
        this.name = physicalName;
    }

    /** The broker name, without the options after {@code ?}. */
    String brokerName() throws JMSException {
        if (name == null || name.isBlank()) {
            throw new jakarta.jms.InvalidDestinationException("The administered " + getClass().getSimpleName()
                    + " has no name; set its name property.");
        }
        int query = name.indexOf('?');
        return query < 0 ? name : name.substring(0, query);
    }

    /** The session's own destination object for this name, options included. */
    abstract Destination toSessionDestination(Session session) throws JMSException;

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && Objects.equals(name, ((TernRaDestination) other).name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), name);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }
}
