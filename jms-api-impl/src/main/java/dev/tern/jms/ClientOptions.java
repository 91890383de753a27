package dev.tern.jms;

import dev.tern.jms.message.TrustedPackages;
import dev.tern.jms.provider.TlsClientSettings;
import java.util.Map;

/**
 * Client settings, from {@code jms.*} URL options or the connection factory's setters.
 *
 * <table>
 *   <caption>Client options</caption>
 *   <tr><th>URL option</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>jms.clientID</td><td>client ID of every connection made</td><td>none</td></tr>
 *   <tr><td>jms.prefetch</td><td>messages the broker may push to a consumer ahead of the application; 0 makes
 *       consumers pull, each message fetched when the application asks for it</td><td>1000</td></tr>
 *   <tr><td>jms.trustedPackages</td><td>packages whose classes ObjectMessage may deserialize, comma-separated; * for all</td>
 *       <td>system property dev.tern.jms.trustedPackages, else java.lang,java.util</td></tr>
 *   <tr><td>jms.requestTimeout</td><td>milliseconds to wait for the broker to answer a blocking call</td><td>30000</td></tr>
 *   <tr><td>jms.syncSends</td><td>true makes every send wait for the broker's answer; by default only persistent
 *       sends outside a transaction wait (see {@link TernSession#send})</td><td>false</td></tr>
 *   <tr><td>jms.sendWindow</td><td>how many sends of a session may be on their way unanswered (asynchronous,
 *       non-persistent and transacted sends) before the next one waits</td><td>1000</td></tr>
 * </table>
 *
 * <p>{@code ssl://} URLs also take the TLS options of {@link TlsClientSettings}, which are not kept here.
 *
 * @param clientId client ID for new connections, or null
 * @param prefetch consumer window; 0 for consumers that pull
 * @param trustedPackages ObjectMessage allow-list
 * @param requestTimeoutMillis how long a blocking call waits for the broker
 * @param syncSends true if every send waits for the broker
 * @param sendWindow how many sends of a session may be unanswered
 * @param autoDuplicateId true to give every message sent a duplicate ID ({@code TernDuplicateId}) unless it has
 *     one, so that a failover connection can send again, safely, what was in flight when its link dropped
 */
public record ClientOptions(String clientId, int prefetch, TrustedPackages trustedPackages, long requestTimeoutMillis,
        boolean syncSends, int sendWindow, boolean autoDuplicateId) {

    public static final int DEFAULT_PREFETCH = 1000;
    public static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 30_000;
    public static final int DEFAULT_SEND_WINDOW = 1000;

    public ClientOptions {
        if (prefetch < 0) {
            throw new IllegalArgumentException("jms.prefetch must not be negative, was " + prefetch);
        }
        if (requestTimeoutMillis < 1) {
            throw new IllegalArgumentException("jms.requestTimeout must be at least 1 ms, was " + requestTimeoutMillis);
        }
        if (sendWindow < 1) {
            throw new IllegalArgumentException("jms.sendWindow must be at least 1, was " + sendWindow);
        }
    }

    /** The defaults. */
    public static ClientOptions defaults() {
        return new ClientOptions(null, DEFAULT_PREFETCH, TrustedPackages.defaults(), DEFAULT_REQUEST_TIMEOUT_MILLIS,
                false, DEFAULT_SEND_WINDOW, false);
    }

    /**
     * Options with {@code jms.*} URL options applied.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value
     */
    public ClientOptions with(Map<String, String> urlOptions) {
        ClientOptions options = this;
        for (Map.Entry<String, String> option : urlOptions.entrySet()) {
            String value = option.getValue();
            if (TlsClientSettings.OPTIONS.contains(option.getKey())) {
                continue; // read by the ssl:// transport, see TlsClientSettings
            }
            options = switch (option.getKey()) {
                case "clientID" -> options.withClientId(value);
                case "prefetch" -> options.withPrefetch(parseInt("jms.prefetch", value));
                case "trustedPackages" -> options.withTrustedPackages(TrustedPackages.of(value));
                case "requestTimeout" -> options.withRequestTimeoutMillis(parseInt("jms.requestTimeout", value));
                case "syncSends" -> options.withSyncSends(parseBoolean("jms.syncSends", value));
                case "sendWindow" -> options.withSendWindow(parseInt("jms.sendWindow", value));
                case "autoDuplicateId" -> options.withAutoDuplicateId(parseBoolean("jms.autoDuplicateId", value));
                default -> throw new IllegalArgumentException("Unknown client option jms." + option.getKey()
                        + "; known options are jms.clientID, jms.prefetch, jms.trustedPackages, jms.requestTimeout, "
                        + "jms.syncSends, jms.sendWindow and jms.autoDuplicateId, and for ssl:// "
                        + "jms.trustStore, jms.trustStorePassword, jms.keyStore, jms.keyStorePassword and jms.verifyHostName.");
            };
        }
        return options;
    }

    public ClientOptions withClientId(String newClientId) {
        return new ClientOptions(newClientId, prefetch, trustedPackages, requestTimeoutMillis, syncSends, sendWindow,
                autoDuplicateId);
    }

    public ClientOptions withPrefetch(int newPrefetch) {
        return new ClientOptions(clientId, newPrefetch, trustedPackages, requestTimeoutMillis, syncSends, sendWindow,
                autoDuplicateId);
    }

    public ClientOptions withTrustedPackages(TrustedPackages newTrustedPackages) {
        return new ClientOptions(clientId, prefetch, newTrustedPackages, requestTimeoutMillis, syncSends, sendWindow,
                autoDuplicateId);
    }

    public ClientOptions withRequestTimeoutMillis(long newTimeout) {
        return new ClientOptions(clientId, prefetch, trustedPackages, newTimeout, syncSends, sendWindow,
                autoDuplicateId);
    }

    public ClientOptions withSyncSends(boolean newSyncSends) {
        return new ClientOptions(clientId, prefetch, trustedPackages, requestTimeoutMillis, newSyncSends, sendWindow,
                autoDuplicateId);
    }

    public ClientOptions withSendWindow(int newSendWindow) {
        return new ClientOptions(clientId, prefetch, trustedPackages, requestTimeoutMillis, syncSends, newSendWindow,
                autoDuplicateId);
    }

    public ClientOptions withAutoDuplicateId(boolean newAutoDuplicateId) {
        return new ClientOptions(clientId, prefetch, trustedPackages, requestTimeoutMillis, syncSends, sendWindow,
                newAutoDuplicateId);
    }

    private static boolean parseBoolean(String name, String value) {
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'.");
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'.");
        }
    }
}
