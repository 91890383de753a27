package dev.tern.spring.boot;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Tern connection factory, under {@code tern.*}.
 *
 * <p>Without {@code tern.broker-url}, the application talks to an embedded broker in its own JVM,
 * {@code vm://localhost}, kept in memory unless {@code tern.embedded.persistent} is true.
 */
@ConfigurationProperties("tern")
public class TernProperties {

    /** Default name of the embedded broker. */
    public static final String DEFAULT_EMBEDDED_NAME = "localhost";

    /**
     * URL of the broker: {@code vm://NAME?options}, {@code tcp://host:port}, {@code ssl://...} or
     * {@code failover:(...)}. When unset, the embedded broker described by {@code tern.embedded.*}.
     */
    private String brokerUrl;

    /** User for the connections the factory opens; none if unset. */
    private String user;

    /** Password of {@code tern.user}. */
    private String password;

    /** The embedded broker used when no broker URL is set. */
    private final Embedded embedded = new Embedded();

    /** Queues to create on the broker at start-up, so that they exist before anything uses them. */
    private List<String> queues = new ArrayList<>();

    /**
     * Topics the application uses, checked at start-up. A Tern topic needs nothing created on the
     * broker: it is an address that its subscriptions bind to.
     */
    private List<String> topics = new ArrayList<>();

    /** The embedded broker behind the default {@code vm://} URL. */
    public static class Embedded {

        /** Name of the embedded broker; {@code vm://NAME} reaches it. */
        private String name = DEFAULT_EMBEDDED_NAME;

        /** Whether the embedded broker journals persistent messages to disk instead of keeping all in memory. */
        private boolean persistent;

        /** Directory of the embedded broker's journal, when persistent; Tern's default if unset. */
        private String dataDirectory;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public boolean isPersistent() {
            return persistent;
        }

        public void setPersistent(boolean persistent) {
            this.persistent = persistent;
        }

        public String getDataDirectory() {
            return dataDirectory;
        }

        public void setDataDirectory(String dataDirectory) {
            this.dataDirectory = dataDirectory;
        }
    }

    /**
     * The URL the connection factory uses: {@code tern.broker-url} if set, otherwise the embedded
     * broker's {@code vm://} URL built from {@code tern.embedded.*}.
     */
    public String effectiveBrokerUrl() {
        if (brokerUrl != null && !brokerUrl.isBlank()) {
            return brokerUrl.trim();
        }
        StringBuilder url = new StringBuilder("vm://").append(embedded.name)
                .append("?broker.persistent=").append(embedded.persistent);
        if (embedded.dataDirectory != null && !embedded.dataDirectory.isBlank()) {
            url.append("&broker.dataDir=").append(URLEncoder.encode(embedded.dataDirectory, StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    public String getBrokerUrl() {
        return brokerUrl;
    }

    public void setBrokerUrl(String brokerUrl) {
        this.brokerUrl = brokerUrl;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Embedded getEmbedded() {
        return embedded;
    }

    public List<String> getQueues() {
        return queues;
    }

    public void setQueues(List<String> queues) {
        this.queues = queues;
    }

    public List<String> getTopics() {
        return topics;
    }

    public void setTopics(List<String> topics) {
        this.topics = topics;
    }
}
