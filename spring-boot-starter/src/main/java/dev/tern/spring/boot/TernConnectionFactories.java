package dev.tern.spring.boot;

import dev.tern.jms.TernConnectionFactory;

/** Builds Tern connection factories from {@link TernProperties}. */
final class TernConnectionFactories {

    private TernConnectionFactories() {
    }

    static TernConnectionFactory create(TernProperties properties) {
        TernConnectionFactory factory = new TernConnectionFactory(properties.effectiveBrokerUrl());
        if (properties.getUser() != null) {
            factory.setUser(properties.getUser());
        }
        if (properties.getPassword() != null) {
            factory.setPassword(properties.getPassword());
        }
        return factory;
    }

    /**
     * A factory for the starter's own connections (keeping the embedded broker up, creating queues):
     * like {@link #create}, but without the URL's {@code jms.clientID}, which the application's
     * connections need for themselves.
     */
    static TernConnectionFactory createForAdministration(TernProperties properties) {
        TernConnectionFactory factory = create(properties);
        factory.setClientID(null);
        return factory;
    }

    /** Whether the URL reaches an embedded broker in this JVM. */
    static boolean isEmbedded(String brokerUrl) {
        return brokerUrl.startsWith("vm://");
    }
}
