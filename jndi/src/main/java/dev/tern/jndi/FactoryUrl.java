package dev.tern.jndi;

import dev.tern.jms.TernConnectionFactory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.naming.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a connection factory URL from a JNDI configuration into a factory. Tern's own options
 * ({@code broker.*}, {@code jms.*}) pass through; the Artemis-style options with a Tern meaning are
 * taken off the URL and applied: {@code clientID}, {@code user}, {@code password}, and {@code type}
 * ({@code CF}, {@code QUEUE_CF}, {@code TOPIC_CF} and their {@code XA_} forms all give the same factory,
 * which implements the six interfaces). Other options, such as
 * Artemis's reconnection or HA settings, have no meaning here: they are logged and ignored.
 */
final class FactoryUrl {

    private static final Logger LOG = LoggerFactory.getLogger(FactoryUrl.class);
    private static final Set<String> TYPES = Set.of("CF", "QUEUE_CF", "TOPIC_CF", "XA_CF", "XA_QUEUE_CF", "XA_TOPIC_CF");

    private FactoryUrl() {
    }

    /**
     * The factory a URL describes.
     *
     * @param property the configuration property the URL comes from, for error messages
     * @throws ConfigurationException if the URL is not valid
     */
    static TernConnectionFactory toFactory(String property, String url) throws ConfigurationException {
        int query = url.indexOf('?');
        StringBuilder ternUrl = new StringBuilder(query < 0 ? url : url.substring(0, query));
        String clientId = null;
        String user = null;
        String password = null;
        char separator = '?';
        if (query >= 0) {
            for (String pair : url.substring(query + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                switch (name) {
                    case "clientID" -> clientId = value;
                    case "user" -> user = value;
                    case "password" -> password = value;
                    case "type" -> checkType(property, value);
                    default -> {
                        if (name.startsWith("jms.") || name.startsWith("broker.")) {
                            ternUrl.append(separator).append(pair);
                            separator = '&';
                        } else {
                            LOG.warn("Ignoring option '{}' of {}: Tern has no such connection factory option", name, property);
                        }
                    }
                }
            }
        }
        TernConnectionFactory factory;
        try {
            factory = new TernConnectionFactory(ternUrl.toString());
        } catch (IllegalArgumentException e) {
            ConfigurationException error = new ConfigurationException(property + ": " + e.getMessage());
            error.setRootCause(e);
            throw error;
        }
        if (clientId != null) {
            factory.setClientID(clientId);
        }
        if (user != null) {
            factory.setUser(user);
            factory.setPassword(password);
        }
        return factory;
    }

    private static void checkType(String property, String type) throws ConfigurationException {
        if (!TYPES.contains(type)) {
            throw new ConfigurationException(property + ": connection factory type '" + type + "' is not supported; "
                    + "Tern offers CF, QUEUE_CF, TOPIC_CF, XA_CF, XA_QUEUE_CF and XA_TOPIC_CF (one factory class "
                    + "implements all six).");
        }
    }
}
