package dev.tern.jms;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed broker URL such as {@code vm://localhost?broker.persistent=false&jms.prefetch=100}.
 * Options starting with {@code broker.} configure an embedded broker; those starting with {@code jms.}
 * configure the client. See {@link ClientOptions} for the client options.
 *
 * @param scheme {@code vm} for now
 * @param host the broker name for {@code vm://}
 * @param brokerOptions {@code broker.*} options, without the prefix
 * @param clientOptions {@code jms.*} options, without the prefix
 */
public record BrokerUrl(String scheme, String host, Map<String, String> brokerOptions, Map<String, String> clientOptions) {

    /** The URL the no-argument connection factory uses. */
    public static final String DEFAULT = "vm://localhost";

    /**
     * Parses a URL.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static BrokerUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("The broker URL is empty; use for example " + DEFAULT);
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            throw new IllegalArgumentException("Broker URL '" + url + "' has no scheme; use for example " + DEFAULT);
        }
        String scheme = url.substring(0, schemeEnd);
        if (!scheme.equals("vm")) {
            throw new IllegalArgumentException("Broker URL '" + url + "' uses scheme '" + scheme
                    + "'; this version of Tern supports vm:// only.");
        }
        String rest = url.substring(schemeEnd + 3);
        int query = rest.indexOf('?');
        String host = query < 0 ? rest : rest.substring(0, query);
        if (host.endsWith("/")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Broker URL '" + url + "' needs a broker name of letters, digits, "
                    + "'.', '_' or '-' after vm://");
        }
        Map<String, String> broker = new LinkedHashMap<>();
        Map<String, String> client = new LinkedHashMap<>();
        if (query >= 0) {
            for (String pair : rest.substring(query + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("Broker URL option '" + pair + "' is not of the form name=value.");
                }
                String name = decode(pair.substring(0, eq));
                String value = decode(pair.substring(eq + 1));
                if (name.startsWith("broker.")) {
                    broker.put(name.substring("broker.".length()), value);
                } else if (name.startsWith("jms.")) {
                    client.put(name.substring("jms.".length()), value);
                } else {
                    throw new IllegalArgumentException("Unknown broker URL option '" + name
                            + "'; options start with broker. (embedded broker) or jms. (client).");
                }
            }
        }
        return new BrokerUrl(scheme, host, Map.copyOf(broker), Map.copyOf(client));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
