package dev.tern.jndi;

import dev.tern.jms.TernConnectionFactory;
import dev.tern.jms.TernQueue;
import dev.tern.jms.TernTopic;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.naming.ConfigurationException;
import javax.naming.Context;

/**
 * What a JNDI environment asks to bind, by JNDI name: connection factories from
 * {@code connectionFactoryNames} (ActiveMQ Classic) and {@code connectionFactory.NAME} (Artemis),
 * queues from {@code queue.NAME}, topics from {@code topic.NAME}.
 *
 * <p>The factories named in {@code connectionFactoryNames} connect to {@code java.naming.provider.url}
 * ({@value #DEFAULT_URL} if unset). When neither {@code connectionFactoryNames} nor any
 * {@code connectionFactory.NAME} is given, the ActiveMQ defaults {@code ConnectionFactory},
 * {@code QueueConnectionFactory} and {@code TopicConnectionFactory} are bound. The environment's
 * {@code java.naming.security.principal} and {@code java.naming.security.credentials} become the
 * factories' user and password unless a factory URL names its own.
 *
 * @param bindings objects by JNDI name, in name order
 */
record JndiBindings(Map<String, Object> bindings) {

    static final String DEFAULT_URL = "vm://localhost";
    static final String FACTORY_NAMES = "connectionFactoryNames";
    static final String FACTORY_PREFIX = "connectionFactory.";
    static final String QUEUE_PREFIX = "queue.";
    static final String TOPIC_PREFIX = "topic.";
    static final List<String> DEFAULT_FACTORY_NAMES =
            List.of("ConnectionFactory", "QueueConnectionFactory", "TopicConnectionFactory");

    /**
     * Reads an environment.
     *
     * @throws ConfigurationException naming the property whose value is not valid
     */
    static JndiBindings from(Map<String, Object> environment) throws ConfigurationException {
        Map<String, Object> bindings = new TreeMap<>();
        String providerUrl = text(environment, Context.PROVIDER_URL, DEFAULT_URL);
        String user = text(environment, Context.SECURITY_PRINCIPAL, null);
        String password = text(environment, Context.SECURITY_CREDENTIALS, null);
        boolean artemisFactories = environment.keySet().stream().anyMatch(key -> key.startsWith(FACTORY_PREFIX));
        List<String> classicNames = environment.containsKey(FACTORY_NAMES)
                ? splitNames(text(environment, FACTORY_NAMES, ""))
                : artemisFactories ? List.of() : DEFAULT_FACTORY_NAMES;
        for (String name : classicNames) {
            bindings.put(name, factory(Context.PROVIDER_URL, providerUrl, user, password));
        }
        for (Map.Entry<String, Object> entry : environment.entrySet()) {
            String key = entry.getKey();
            String value = String.valueOf(entry.getValue()).trim();
            if (key.startsWith(FACTORY_PREFIX)) {
                bindings.put(jndiName(key, FACTORY_PREFIX), factory(key, value, user, password));
            } else if (key.startsWith(QUEUE_PREFIX)) {
                bindings.put(jndiName(key, QUEUE_PREFIX), new TernQueue(value));
            } else if (key.startsWith(TOPIC_PREFIX)) {
                bindings.put(jndiName(key, TOPIC_PREFIX), new TernTopic(value));
            }
        }
        return new JndiBindings(bindings);
    }

    private static TernConnectionFactory factory(String property, String url, String user, String password)
            throws ConfigurationException {
        TernConnectionFactory factory = FactoryUrl.toFactory(property, url);
        if (factory.getUser() == null && user != null) {
            factory.setUser(user);
            factory.setPassword(password);
        }
        return factory;
    }

    private static String jndiName(String key, String prefix) throws ConfigurationException {
        String name = key.substring(prefix.length()).trim();
        if (name.isEmpty()) {
            throw new ConfigurationException("Property '" + key + "' names no JNDI name after '" + prefix + "'.");
        }
        return name;
    }

    private static List<String> splitNames(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
    }

    private static String text(Map<String, Object> environment, String key, String fallback) {
        Object value = environment.get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
    }
}
