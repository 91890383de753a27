package dev.tern.jms;

import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NamingException;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import javax.naming.spi.ObjectFactory;

/**
 * Rebuilds Tern connection factories, queues and topics from the {@link Reference}s they give a JNDI
 * directory. A Jakarta EE server or {@code javax.naming} finds it through the reference's factory
 * class name; it needs only {@code tern-jms-api-impl} on the class path.
 *
 * <p>References name the class to build and carry its properties as string addresses: a connection
 * factory's {@link TernConnectionFactory#properties()}, a destination's {@code name}.
 */
public final class TernObjectFactory implements ObjectFactory {

    /** The reference to an object of a Tern class, with one string address per property. */
    static Reference referenceTo(Class<?> type, Map<String, String> properties) {
        Reference reference = new Reference(type.getName(), TernObjectFactory.class.getName(), null);
        properties.forEach((name, value) -> reference.add(new StringRefAddr(name, value)));
        return reference;
    }

    /**
     * The object a Tern reference describes; null for anything else, as JNDI expects.
     *
     * @throws NamingException if a Tern reference holds a value that is not valid
     */
    @Override
    public Object getObjectInstance(Object object, Name name, Context context, Hashtable<?, ?> environment)
            throws NamingException {
        if (!(object instanceof Reference reference)) {
            return null;
        }
        try {
            return build(reference);
        } catch (IllegalArgumentException e) {
            NamingException error = new NamingException("Reference to " + reference.getClassName()
                    + (name == null ? "" : " bound as " + name) + " is not valid: " + e.getMessage());
            error.setRootCause(e);
            throw error;
        }
    }

    private static Object build(Reference reference) {
        Map<String, String> properties = propertiesOf(reference);
        String className = reference.getClassName();
        if (className.equals(TernConnectionFactory.class.getName())) {
            return TernConnectionFactory.fromProperties(properties);
        }
        if (className.equals(TernQueue.class.getName())) {
            return new TernQueue(required(properties, reference));
        }
        if (className.equals(TernTopic.class.getName())) {
            return new TernTopic(required(properties, reference));
        }
        return null;
    }

    private static Map<String, String> propertiesOf(Reference reference) {
        Map<String, String> properties = new LinkedHashMap<>();
        Enumeration<RefAddr> addresses = reference.getAll();
        while (addresses.hasMoreElements()) {
            RefAddr address = addresses.nextElement();
            if (address.getContent() != null) {
                properties.put(address.getType(), address.getContent().toString());
            }
        }
        return properties;
    }

    private static String required(Map<String, String> properties, Reference reference) {
        String value = properties.get(TernDestination.NAME);
        if (value == null) {
            throw new IllegalArgumentException("Reference to " + reference.getClassName() + " has no '"
                    + TernDestination.NAME + "' address.");
        }
        return value;
    }
}
