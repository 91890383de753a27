package dev.tern.ra;

import dev.tern.jms.TernConnectionFactory;
import java.io.Serializable;

/**
 * Where and as whom the adapter connects: a broker URL with extra client options, credentials and an
 * optional client ID. Values left null by a connection factory or an activation spec come from the
 * adapter's.
 *
 * @param brokerUrl a Tern broker URL, such as {@code tcp://localhost:61616}
 * @param clientOptions options appended to the URL's query, such as {@code jms.prefetch=10}; may be null
 * @param userName the user to authenticate as; null for none
 * @param password the password of {@code userName}
 * @param clientId the client ID of the connections made; null for none
 */
record ConnectionSettings(String brokerUrl, String clientOptions, String userName, String password, String clientId)
        implements Serializable {

    /** Settings whose unset (null or blank) values are taken from {@code defaults}. */
    ConnectionSettings orElse(ConnectionSettings defaults) {
        return new ConnectionSettings(pick(brokerUrl, defaults.brokerUrl), pick(clientOptions, defaults.clientOptions),
                pick(userName, defaults.userName), pick(password, defaults.password), pick(clientId, defaults.clientId));
    }

    /** The broker URL with the client options appended to its query. */
    String fullUrl() {
        if (clientOptions == null || clientOptions.isBlank()) {
            return brokerUrl;
        }
        String options = clientOptions.strip();
        while (options.startsWith("?") || options.startsWith("&")) {
            options = options.substring(1);
        }
        return brokerUrl + (brokerUrl.contains("?") ? "&" : "?") + options;
    }

    /**
     * A Tern connection factory for these settings.
     *
     * @throws IllegalArgumentException if the URL or an option is not valid
     */
    TernConnectionFactory connectionFactory() {
        TernConnectionFactory factory = new TernConnectionFactory(fullUrl());
        factory.setUser(userName);
        factory.setPassword(password);
        if (clientId != null && !clientId.isBlank()) {
            factory.setClientID(clientId);
        }
        return factory;
    }

    /** True when both name the same broker: their XA resources are the same resource manager. */
    boolean sameBroker(ConnectionSettings other) {
        return fullUrl().equals(other.fullUrl());
    }

    private static String pick(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + fullUrl().replaceAll("(?i)(password=)[^&]*", "$1***")
                + (userName == null ? "" : ", user=" + userName) + (clientId == null ? "" : ", clientId=" + clientId) + "]";
    }
}
