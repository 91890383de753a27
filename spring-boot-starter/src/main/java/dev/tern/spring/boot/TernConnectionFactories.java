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

    /** Whether the URL reaches an embedded broker in this JVM. */
    static boolean isEmbedded(String brokerUrl) {
        return brokerUrl.startsWith("vm://");
    }
}
