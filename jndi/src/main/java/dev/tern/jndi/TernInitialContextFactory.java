package dev.tern.jndi;

import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;

/**
 * The JNDI entry point: {@code java.naming.factory.initial=dev.tern.jndi.TernInitialContextFactory}.
 * Each initial context is an in-memory directory of the connection factories and destinations its
 * environment describes; see the {@linkplain dev.tern.jndi package documentation} for the properties.
 */
public final class TernInitialContextFactory implements InitialContextFactory {

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Hashtable<String, Object> copy = new Hashtable<>();
        if (environment != null) {
            environment.forEach((key, value) -> copy.put(key.toString(), value));
        }
        TernNamingContext context = new TernNamingContext(copy);
        context.bindAll(JndiBindings.from(copy));
        return context;
    }
}
