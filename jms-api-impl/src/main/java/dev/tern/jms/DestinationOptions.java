package dev.tern.jms;

import java.io.Serializable;
import dev.tern.protocol.ReplayFrom;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer settings carried in a destination name after a {@code ?}, in the style ActiveMQ users know:
 * {@code session.createQueue("orders?consumer.prefetchSize=0")}. The part before the {@code ?} names the
 * destination; the options only change how consumers of this destination object behave.
 *
 * <table>
 *   <caption>Destination options</caption>
 *   <tr><th>option</th><th>meaning</th></tr>
 *   <tr><td>consumer.prefetchSize</td><td>this consumer's window, overriding {@code jms.prefetch}; 0 pulls</td></tr>
 *   <tr><td>consumer.exclusive</td><td>{@code true}: the consumer asks to be the only one its queue delivers
 *       to while it is open; others stand by</td></tr>
 *   <tr><td>consumer.replayFrom</td><td>for topics: a new subscription starts with the messages the topic
 *       retains, from {@code beginning}, from an ISO-8601 instant (JMSTimestamp at or after it) or from a
 *       JMSMessageID ({@code ID:...}) on; a durable subscription without consumers is replaced by the replay</td></tr>
 * </table>
 *
 * Options Tern does not know are ignored with one warning naming them, so that names written for
 * ActiveMQ keep working.
 *
 * @param prefetch the consumer window, or -1 to use the connection's
 * @param exclusive whether consumers ask to be their queue's exclusive consumer
 * @param replayFrom where subscriptions start among retained messages, in {@link ReplayFrom}'s text form; null for none
 */
record DestinationOptions(int prefetch, boolean exclusive, String replayFrom) implements Serializable {

    private static final Logger LOG = LoggerFactory.getLogger(DestinationOptions.class);

    /** No options. */
    static final DestinationOptions NONE = new DestinationOptions(-1, false, null);

    /** A destination name split from its options. */
    record Parsed(String name, DestinationOptions options) {
    }

    /**
     * Splits {@code name?option=value&...}.
     *
     * @throws IllegalArgumentException for a malformed option or a bad value
     */
    static Parsed parse(String nameWithOptions) {
        int query = nameWithOptions.indexOf('?');
        if (query < 0) {
            return new Parsed(nameWithOptions, NONE);
        }
        if (query == 0) {
            throw new IllegalArgumentException("'" + nameWithOptions + "' has options but no destination name before the '?'.");
        }
        int prefetch = -1;
        boolean exclusive = false;
        String replayFrom = null;
        List<String> ignored = new ArrayList<>();
        for (String pair : nameWithOptions.substring(query + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Destination option '" + pair + "' in '" + nameWithOptions
                        + "' is not of the form name=value.");
            }
            String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (key.equals("consumer.prefetchSize")) {
                prefetch = parsePrefetch(value);
            } else if (key.equals("consumer.exclusive")) {
                exclusive = parseBoolean(key, value);
            } else if (key.equals("consumer.replayFrom")) {
                replayFrom = ReplayFrom.parse(value).toString();
            } else {
                ignored.add(key);
            }
        }
        if (!ignored.isEmpty()) {
            LOG.warn("Ignoring destination options Tern does not support in '{}': {}", nameWithOptions, ignored);
        }
        return new Parsed(nameWithOptions.substring(0, query), new DestinationOptions(prefetch, exclusive, replayFrom));
    }

    /** Where subscriptions made on this destination start among the retained messages; null for live only. */
    ReplayFrom replayStart() {
        return replayFrom == null ? null : ReplayFrom.parse(replayFrom);
    }

    /** The window this destination asks consumers for, if it sets one. */
    OptionalInt consumerWindow() {
        return prefetch < 0 ? OptionalInt.empty() : OptionalInt.of(prefetch);
    }

    /** The options in the form {@link #parse} reads, from the {@code ?}; empty for none. */
    String query() {
        List<String> pairs = new ArrayList<>();
        if (prefetch >= 0) {
            pairs.add("consumer.prefetchSize=" + prefetch);
        }
        if (exclusive) {
            pairs.add("consumer.exclusive=true");
        }
        if (replayFrom != null) {
            pairs.add("consumer.replayFrom=" + URLEncoder.encode(replayFrom, StandardCharsets.UTF_8));
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private static boolean parseBoolean(String key, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'.");
    }

    private static int parsePrefetch(String value) {
        try {
            int prefetch = Integer.parseInt(value);
            if (prefetch >= 0) {
                return prefetch;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("consumer.prefetchSize must be a whole number of at least 0, was '" + value + "'.");
    }
}
