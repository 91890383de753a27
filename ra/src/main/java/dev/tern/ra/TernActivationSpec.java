package dev.tern.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a message-driven bean receives messages: from which destination, with which selector and
 * subscription, through how many sessions, and how to reconnect. The server fills it from the bean's
 * {@code @ActivationConfigProperty} values; {@link #validate()} names what is missing or wrong.
 * Broker URL, credentials and client options default to the adapter's.
 */
public class TernActivationSpec implements ActivationSpec, Serializable {

    private static final long serialVersionUID = 1L;

    static final String QUEUE_TYPE = "jakarta.jms.Queue";
    static final String TOPIC_TYPE = "jakarta.jms.Topic";
    static final String AUTO_ACKNOWLEDGE = "Auto-acknowledge";
    static final String DUPS_OK_ACKNOWLEDGE = "Dups-ok-acknowledge";
    static final String DURABLE = "Durable";
    static final String NON_DURABLE = "NonDurable";

    private transient ResourceAdapter resourceAdapter;

    private String destination;
    private String destinationLookup;
    private String destinationType;
    private String connectionFactoryLookup;
    private String messageSelector;
    private String acknowledgeMode = AUTO_ACKNOWLEDGE;
    private String subscriptionDurability = NON_DURABLE;
    private String subscriptionName;
    private String clientId;
    private Boolean shareSubscriptions = false;
    private Integer maxSession = 15;
    private Integer reconnectAttempts = -1;
    private Long reconnectIntervalMillis = 5_000L;
    private String brokerUrl;
    private String userName;
    private String password;
    private String clientOptions;

    /**
     * Checks the properties together.
     *
     * @throws InvalidPropertyException naming every property that is missing or wrong
     */
    @Override
    public void validate() throws InvalidPropertyException {
        List<String> problems = new ArrayList<>();
        if (isBlank(destination) && isBlank(destinationLookup)) {
            problems.add("set destination (a queue or topic name) or destinationLookup (its JNDI name)");
        }
        if (!isBlank(destinationType) && destinationKind() == null) {
            problems.add("destinationType must be " + QUEUE_TYPE + " or " + TOPIC_TYPE + ", not '" + destinationType + "'");
        }
        if (!isAutoAcknowledge() && !isDupsOk()) {
            problems.add("acknowledgeMode must be " + AUTO_ACKNOWLEDGE + " or " + DUPS_OK_ACKNOWLEDGE + ", not '"
                    + acknowledgeMode + "'");
        }
        if (!DURABLE.equalsIgnoreCase(subscriptionDurability) && !NON_DURABLE.equalsIgnoreCase(subscriptionDurability)) {
            problems.add("subscriptionDurability must be " + DURABLE + " or " + NON_DURABLE + ", not '"
                    + subscriptionDurability + "'");
        }
        if (isDurable()) {
            if (destinationKind() == DestinationKind.QUEUE) {
                problems.add("subscriptionDurability=Durable applies to topics; destinationType is " + QUEUE_TYPE);
            }
            if (isBlank(subscriptionName)) {
                problems.add("a durable subscription needs subscriptionName");
            }
            if (!isShared() && isBlank(effectiveClientId(adapterClientId()))) {
                problems.add("an unshared durable subscription needs clientId (on the activation spec or the adapter)"
                        + ", or set shareSubscriptions=true");
            }
        } else if (isShared() && destinationKind() == DestinationKind.TOPIC && isBlank(subscriptionName)) {
            problems.add("a shared subscription (shareSubscriptions=true) needs subscriptionName");
        }
        if (maxSession == null || maxSession < 1) {
            problems.add("maxSession must be 1 or more, not " + maxSession);
        }
        if (reconnectAttempts == null || reconnectAttempts < -1) {
            problems.add("reconnectAttempts must be -1 (forever) or more, not " + reconnectAttempts);
        }
        if (reconnectIntervalMillis == null || reconnectIntervalMillis < 0) {
            problems.add("reconnectIntervalMillis must be 0 or more, not " + reconnectIntervalMillis);
        }
        if (!problems.isEmpty()) {
            throw new InvalidPropertyException("Invalid Tern activation spec (" + describe() + "): "
                    + String.join("; ", problems) + ".");
        }
    }

    /** The settings an activation runs with, the adapter's filling in what this spec leaves unset. */
    ActivationConfig activationConfig(TernResourceAdapter adapter) {
        ConnectionSettings own = new ConnectionSettings(brokerUrl, clientOptions, userName, password,
                effectiveClientId(adapter.getClientId()));
        ConnectionSettings adapterSettings = adapter.settings();
        ConnectionSettings defaults = new ConnectionSettings(adapterSettings.brokerUrl(), adapterSettings.clientOptions(),
                adapterSettings.userName(), adapterSettings.password(), null);
        return new ActivationConfig(own.orElse(defaults), blankToNull(destination), blankToNull(destinationLookup),
                destinationKind(), blankToNull(connectionFactoryLookup), blankToNull(messageSelector), isDupsOk(),
                isDurable(), blankToNull(subscriptionName), isShared(), maxSession, reconnectAttempts,
                Duration.ofMillis(reconnectIntervalMillis));
    }

    /**
     * The client ID the activation's connection claims: this spec's, else for an unshared durable
     * subscription the adapter's (a client ID belongs to one connection at a time, so other activations
     * do not take the adapter's).
     */
    private String effectiveClientId(String adapterClientId) {
        if (!isBlank(clientId)) {
            return clientId;
        }
        return isDurable() && !isShared() ? blankToNull(adapterClientId) : null;
    }

    private String adapterClientId() {
        return resourceAdapter instanceof TernResourceAdapter tern ? tern.getClientId() : null;
    }

    /** The destination kind named by destinationType; QUEUE when unset; null when not understood. */
    DestinationKind destinationKind() {
        if (isBlank(destinationType)) {
            return DestinationKind.QUEUE;
        }
        String type = destinationType.strip();
        if (type.equals(QUEUE_TYPE) || type.equals("javax.jms.Queue")) {
            return DestinationKind.QUEUE;
        }
        if (type.equals(TOPIC_TYPE) || type.equals("javax.jms.Topic")) {
            return DestinationKind.TOPIC;
        }
        return null;
    }

    private boolean isAutoAcknowledge() {
        return acknowledgeMode == null || AUTO_ACKNOWLEDGE.equalsIgnoreCase(acknowledgeMode.strip())
                || "AUTO_ACKNOWLEDGE".equalsIgnoreCase(acknowledgeMode.strip());
    }

    private boolean isDupsOk() {
        return acknowledgeMode != null && (DUPS_OK_ACKNOWLEDGE.equalsIgnoreCase(acknowledgeMode.strip())
                || "DUPS_OK_ACKNOWLEDGE".equalsIgnoreCase(acknowledgeMode.strip()));
    }

    private boolean isDurable() {
        return DURABLE.equalsIgnoreCase(subscriptionDurability);
    }

    private boolean isShared() {
        return Boolean.TRUE.equals(shareSubscriptions);
    }

    private String describe() {
        String named = !isBlank(destination) ? "destination=" + destination
                : !isBlank(destinationLookup) ? "destinationLookup=" + destinationLookup : "no destination";
        return named + (isBlank(subscriptionName) ? "" : ", subscriptionName=" + subscriptionName);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value.strip();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    /** Set once by the server; JCA forbids changing the association. */
    @Override
    public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
        if (resourceAdapter != null && resourceAdapter != adapter) {
            throw new jakarta.resource.spi.IllegalStateException("This activation spec belongs to another adapter already.");
        }
        this.resourceAdapter = adapter;
    }

    public String getDestination() {
        return destination;
    }

    /** The queue or topic name. */
    public void setDestination(String destination) {
        this.destination = destination;
    }

    public String getDestinationLookup() {
        return destinationLookup;
    }

    /** The JNDI name of the queue or topic; wins over {@code destination}. */
    public void setDestinationLookup(String destinationLookup) {
        this.destinationLookup = destinationLookup;
    }

    public String getDestinationType() {
        return destinationType;
    }

    /** {@code jakarta.jms.Queue} (the default) or {@code jakarta.jms.Topic}. */
    public void setDestinationType(String destinationType) {
        this.destinationType = destinationType;
    }

    public String getConnectionFactoryLookup() {
        return connectionFactoryLookup;
    }

    /** The JNDI name of a Tern connection factory whose broker and credentials the activation uses. */
    public void setConnectionFactoryLookup(String connectionFactoryLookup) {
        this.connectionFactoryLookup = connectionFactoryLookup;
    }

    public String getMessageSelector() {
        return messageSelector;
    }

    public void setMessageSelector(String messageSelector) {
        this.messageSelector = messageSelector;
    }

    public String getAcknowledgeMode() {
        return acknowledgeMode;
    }

    /** {@code Auto-acknowledge} (the default) or {@code Dups-ok-acknowledge}; used when delivery is not transacted. */
    public void setAcknowledgeMode(String acknowledgeMode) {
        this.acknowledgeMode = acknowledgeMode;
    }

    public String getSubscriptionDurability() {
        return subscriptionDurability;
    }

    /** {@code NonDurable} (the default) or {@code Durable}, for topics. */
    public void setSubscriptionDurability(String subscriptionDurability) {
        this.subscriptionDurability = subscriptionDurability;
    }

    public String getSubscriptionName() {
        return subscriptionName;
    }

    public void setSubscriptionName(String subscriptionName) {
        this.subscriptionName = subscriptionName;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public Boolean getShareSubscriptions() {
        return shareSubscriptions;
    }

    /** True: the topic subscription is a JMS 2.0 shared one, which all sessions (and other servers) share. */
    public void setShareSubscriptions(Boolean shareSubscriptions) {
        this.shareSubscriptions = shareSubscriptions;
    }

    public Integer getMaxSession() {
        return maxSession;
    }

    /** How many sessions deliver concurrently; an unshared topic subscription uses one. */
    public void setMaxSession(Integer maxSession) {
        this.maxSession = maxSession;
    }

    public Integer getReconnectAttempts() {
        return reconnectAttempts;
    }

    /** How often to try connecting again after the broker went away; -1 (the default) for ever. */
    public void setReconnectAttempts(Integer reconnectAttempts) {
        this.reconnectAttempts = reconnectAttempts;
    }

    public Long getReconnectIntervalMillis() {
        return reconnectIntervalMillis;
    }

    public void setReconnectIntervalMillis(Long reconnectIntervalMillis) {
        this.reconnectIntervalMillis = reconnectIntervalMillis;
    }

    public String getBrokerUrl() {
        return brokerUrl;
    }

    /** Overrides the adapter's broker URL for this endpoint. */
    public void setBrokerUrl(String brokerUrl) {
        this.brokerUrl = brokerUrl;
    }

    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getClientOptions() {
        return clientOptions;
    }

    public void setClientOptions(String clientOptions) {
        this.clientOptions = clientOptions;
    }

    @Override
    public String toString() {
        return "TernActivationSpec[" + describe() + ", type=" + destinationKind()
                + ", maxSession=" + maxSession + "]";
    }

    /** Queue or topic. */
    enum DestinationKind {
        QUEUE, TOPIC
    }
}
