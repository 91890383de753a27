package dev.tern.jndi;

import dev.tern.jms.TernQueue;
import dev.tern.jms.TernTopic;
import java.util.Hashtable;
import java.util.Map;
import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import org.apache.naming.NamingContext;

/**
 * An Apache Naming in-memory context that also answers {@code dynamicQueues/NAME} and
 * {@code dynamicTopics/NAME} with a queue or topic of that name, as ActiveMQ's contexts do.
 */
final class TernNamingContext extends NamingContext {

    static final String DYNAMIC_QUEUES = "dynamicQueues";
    static final String DYNAMIC_TOPICS = "dynamicTopics";

    TernNamingContext(Hashtable<String, Object> environment) {
        super(environment, "tern");
    }

    /** Binds each object under its JNDI name, making the subcontexts a name such as {@code jms/orders} needs. */
    void bindAll(JndiBindings bindings) throws NamingException {
        for (Map.Entry<String, Object> binding : bindings.bindings().entrySet()) {
            Name name = new CompositeName(binding.getKey());
            Context parent = this;
            for (int i = 0; i < name.size() - 1; i++) {
                parent = subcontext(parent, name.get(i));
            }
            parent.rebind(name.get(name.size() - 1), binding.getValue());
        }
    }

    private static Context subcontext(Context parent, String component) throws NamingException {
        try {
            Object existing = parent.lookup(component);
            if (existing instanceof Context context) {
                return context;
            }
            throw new NamingException("JNDI name component '" + component + "' is bound to an object, "
                    + "so it cannot also hold other names.");
        } catch (NameNotFoundException absent) {
            return parent.createSubcontext(component);
        }
    }

    @Override
    protected Object lookup(Name name, boolean resolveLinks) throws NamingException {
        if (name.size() >= 2) {
            String destination = name.getSuffix(1).toString();
            if (name.get(0).equals(DYNAMIC_QUEUES)) {
                return new TernQueue(destination);
            }
            if (name.get(0).equals(DYNAMIC_TOPICS)) {
                return new TernTopic(destination);
            }
        }
        return super.lookup(name, resolveLinks);
    }
}
