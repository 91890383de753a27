package dev.tern.jms;

import dev.tern.jms.provider.FailoverSettings;
import dev.tern.jms.provider.TlsClientSettings;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A parsed broker URL such as {@code vm://localhost?broker.persistent=false&jms.prefetch=100} or
 * {@code tcp://broker.example.com:61616?jms.prefetch=100}; {@code ssl://} is {@code tcp://} with TLS, configured
 * by the {@code jms.*} options of {@link TlsClientSettings}. Options starting with {@code broker.}
 * configure an embedded broker and are allowed on {@code vm://} only; those starting with {@code jms.}
 * configure the client. See {@link ClientOptions} for the client options.
 *
 * <p>URLs written for ActiveMQ Classic or Artemis work unchanged: their options are mapped to Tern's
 * where Tern has the same setting, and the others that ActiveMQ documents are ignored, all named in a
 * single warning per URL; see {@link ActiveMqOptionMapper} for which is which. A name that neither
 * Tern nor ActiveMQ knows, such as a misspelt Tern option, is still refused.
 *
 * @param scheme {@code vm}, {@code tcp} or {@code ssl}
 * @param host the broker name for {@code vm://}; the host name or address for {@code tcp://}
 * @param port the TCP port, {@value #DEFAULT_TCP_PORT} unless given; -1 for {@code vm://}
 * @param brokerOptions {@code broker.*} options, without the prefix
 * @param clientOptions {@code jms.*} options, without the prefix
 * @param failoverMembers for {@code failover:(url,url,...)}, the {@code tcp://} and {@code ssl://} URLs
 *     inside the parentheses, in order; empty otherwise
 * @param failoverOptions {@code failover.*} options, without the prefix
 */
public record BrokerUrl(String scheme, String host, int port, Map<String, String> brokerOptions,
        Map<String, String> clientOptions, List<BrokerUrl> failoverMembers, Map<String, String> failoverOptions) {

    /** The URL the no-argument connection factory uses. */
    public static final String DEFAULT = "vm://localhost";
    /** The port of {@code tcp://} URLs that name none. */
    public static final int DEFAULT_TCP_PORT = 61616;

    private static final Logger LOG = LoggerFactory.getLogger(BrokerUrl.class);

    /**
     * Parses a URL.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static BrokerUrl parse(String url) {
        Set<String> ignored = new LinkedHashSet<>();
        BrokerUrl parsed = parse(url, ignored);
        if (!ignored.isEmpty()) {
            LOG.warn("Ignoring options of broker URL '{}' that Tern has no use for: {}",
                    url.replaceAll("(?i)(password=)[^&,)]*", "$1***"), String.join(", ", ignored));
        }
        return parsed;
    }

    private static BrokerUrl parse(String url, Set<String> ignored) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("The broker URL is empty; use for example " + DEFAULT);
        }
        if (url.startsWith("failover:")) {
            return failover(url, ignored);
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            throw new IllegalArgumentException("Broker URL '" + url + "' has no scheme; use for example " + DEFAULT);
        }
        String scheme = url.substring(0, schemeEnd);
        if (!scheme.equals("vm") && !scheme.equals("tcp") && !scheme.equals("ssl")) {
            throw new IllegalArgumentException("Broker URL '" + url + "' uses scheme '" + scheme
                    + "'; Tern supports vm://, tcp://, ssl:// and failover:(...).");
        }
        String rest = url.substring(schemeEnd + 3);
        int query = rest.indexOf('?');
        String authority = query < 0 ? rest : rest.substring(0, query);
        if (authority.endsWith("/")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        if (scheme.equals("vm") && (authority.isEmpty() || !authority.matches("[A-Za-z0-9._-]+"))) {
            throw new IllegalArgumentException("Broker URL '" + url + "' needs a broker name of letters, digits, "
                    + "'.', '_' or '-' after vm://");
        }
        Map<String, String> broker = new LinkedHashMap<>();
        Map<String, String> client = new LinkedHashMap<>();
        if (query >= 0) {
            ActiveMqOptionMapper.Kind kind = scheme.equals("vm") ? ActiveMqOptionMapper.Kind.VM
                    : scheme.equals("ssl") ? ActiveMqOptionMapper.Kind.SSL : ActiveMqOptionMapper.Kind.TCP;
            ActiveMqOptionMapper.Result options = ActiveMqOptionMapper.map(kind, scheme.equals("vm") ? authority : null, 0,
                    rawOptions(rest.substring(query + 1)));
            ignored.addAll(options.ignored());
            sortOptions(options.options(), broker, client, null);
        }
        if (scheme.equals("vm")) {
            return new BrokerUrl(scheme, authority, -1, Map.copyOf(broker), Map.copyOf(client), List.of(), Map.of());
        }
        if (!broker.isEmpty()) {
            throw new IllegalArgumentException("Broker URL '" + url + "' has broker.* options, which configure an "
                    + "embedded broker and apply to vm:// URLs only.");
        }
        if (!scheme.equals("ssl") && client.keySet().stream().anyMatch(TlsClientSettings.OPTIONS::contains)) {
            throw new IllegalArgumentException("Broker URL '" + url + "' has TLS options (jms.trustStore, jms.keyStore, "
                    + "...), which apply to ssl:// URLs only.");
        }
        return tcp(url, scheme, authority, client);
    }

    private static BrokerUrl tcp(String url, String scheme, String authority, Map<String, String> client) {
        String host = authority;
        int port = DEFAULT_TCP_PORT;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && colon > authority.lastIndexOf(']')) {
            host = authority.substring(0, colon);
            port = parsePort(url, authority.substring(colon + 1));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9._:%-]+")) {
            throw new IllegalArgumentException("Broker URL '" + url + "' needs a host name or address after " + scheme
                    + "://, for example " + scheme + "://localhost:" + DEFAULT_TCP_PORT);
        }
        return new BrokerUrl(scheme, host, port, Map.of(), Map.copyOf(client), List.of(), Map.of());
    }

    private static int parsePort(String url, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Broker URL '" + url + "' has port '" + text + "'; a port is 1..65535.");
    }

    /**
     * {@code failover:(tcp://a:61616,ssl://b:61617)?failover.maxReconnectAttempts=10&jms.prefetch=100}; the
     * parentheses may be left out around a single URL. {@code jms.*} options after the parentheses apply to
     * every member; a member's own options (e.g. its trust store) to that member only.
     */
    private static BrokerUrl failover(String url, Set<String> ignored) {
        String rest = url.substring("failover:".length());
        String inner;
        String query = "";
        if (rest.startsWith("(")) {
            int close = rest.indexOf(')');
            if (close < 0) {
                throw new IllegalArgumentException("Broker URL '" + url + "' opens a parenthesis it does not close.");
            }
            inner = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith("?")) {
                throw new IllegalArgumentException("Broker URL '" + url + "' has '" + after + "' after the parentheses; "
                        + "options follow a '?'.");
            }
            query = after.isEmpty() ? "" : after.substring(1);
        } else {
            inner = rest;
        }
        String[] memberUrls = inner.split(",");
        Map<String, String> client = new LinkedHashMap<>();
        Map<String, String> failover = new LinkedHashMap<>();
        ActiveMqOptionMapper.Result options = ActiveMqOptionMapper.map(ActiveMqOptionMapper.Kind.FAILOVER, null,
                memberUrls.length, rawOptions(query));
        ignored.addAll(options.ignored());
        sortOptions(options.options(), new LinkedHashMap<>(), client, failover);
        List<BrokerUrl> members = new ArrayList<>();
        for (String member : memberUrls) {
            BrokerUrl parsed = parse(member.strip(), ignored);
            if (!parsed.isTcp()) {
                throw new IllegalArgumentException("Broker URL '" + url + "' lists '" + member
                        + "'; failover works over tcp:// and ssl:// only.");
            }
            Map<String, String> merged = new LinkedHashMap<>(client);
            merged.putAll(parsed.clientOptions());
            members.add(new BrokerUrl(parsed.scheme(), parsed.host(), parsed.port(), Map.of(), Map.copyOf(merged),
                    List.of(), Map.of()));
        }
        FailoverSettings.from(failover); // refuses unknown options and bad values now
        return new BrokerUrl("failover", null, -1, Map.of(), Map.copyOf(client), List.copyOf(members), Map.copyOf(failover));
    }

    /** The options of a query, decoded, by name, in order. */
    private static Map<String, String> rawOptions(String query) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Broker URL option '" + pair + "' is not of the form name=value.");
            }
            options.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return options;
    }

    /** Puts Tern options where they belong, without their prefix; refuses any other. */
    private static void sortOptions(Map<String, String> options, Map<String, String> broker, Map<String, String> client,
            Map<String, String> failover) {
        for (Map.Entry<String, String> option : options.entrySet()) {
            String name = option.getKey();
            String value = option.getValue();
            if (name.startsWith("broker.")) {
                broker.put(name.substring("broker.".length()), value);
            } else if (name.startsWith("jms.")) {
                client.put(name.substring("jms.".length()), value);
            } else if (failover != null && name.startsWith("failover.")) {
                failover.put(name.substring("failover.".length()), value);
            } else {
                throw new IllegalArgumentException("Unknown broker URL option '" + name
                        + "'; Tern's options start with broker. (embedded broker), jms. (client) or failover., "
                        + "and it knows the options ActiveMQ documents (see docs/migrating-from-activemq.md).");
            }
        }
    }

    /** True for {@code failover:(...)} URLs. */
    public boolean isFailover() {
        return scheme.equals("failover");
    }

    /** True for {@code tcp://} and {@code ssl://} URLs: a socket to a broker. */
    public boolean isTcp() {
        return scheme.equals("tcp") || scheme.equals("ssl");
    }

    /** True for {@code ssl://} URLs: TCP with TLS. */
    public boolean isSsl() {
        return scheme.equals("ssl");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
