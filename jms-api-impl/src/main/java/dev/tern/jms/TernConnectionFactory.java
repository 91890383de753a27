package dev.tern.jms;

import dev.tern.jms.message.TrustedPackages;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.jms.XAConnection;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.naming.NamingException;
import javax.naming.Reference;
import javax.naming.Referenceable;

/**
 * The entry point: makes connections and JMS contexts to the broker a URL names.
 *
 * <pre>{@code
 * ConnectionFactory factory = new TernConnectionFactory("vm://localhost?broker.persistent=false");
 * try (JMSContext context = factory.createContext()) {
 *     context.createProducer().send(context.createQueue("orders"), "hello");
 * }
 * }</pre>
 *
 * <p>{@code vm://NAME} starts an embedded broker named NAME on first connection (it needs
 * {@code tern-broker-engine} on the class path); {@code tcp://HOST:PORT} connects to a broker listening
 * on TCP, {@code ssl://HOST:PORT} over TLS, and {@code failover:(URL,URL,...)} to the first of several
 * that answers, reconnecting when the link drops. See {@link BrokerUrl}, {@link ClientOptions},
 * {@link dev.tern.jms.provider.TlsClientSettings} and {@link dev.tern.jms.provider.FailoverSettings} for the
 * options a URL may carry.
 *
 * <p>A factory is a value: two factories with the same URL and settings are equal. It is
 * {@link Serializable} and {@link Referenceable} (rebuilt by {@link TernObjectFactory}), so a JNDI
 * directory or a Jakarta EE server can bind it; both forms keep the settings made through setters,
 * the default user name and password included.
 */
public class TernConnectionFactory
        implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory, XAQueueConnectionFactory,
        XATopicConnectionFactory, Serializable, Referenceable {

    private static final long serialVersionUID = 2L;

    /** Property names of {@link #properties()}, as references and JNDI configurations spell them. */
    static final String BROKER_URL = "brokerURL";
    static final String CLIENT_ID = "clientID";
    static final String PREFETCH = "prefetch";
    static final String TRUSTED_PACKAGES = "trustedPackages";
    static final String USER = "user";
    static final String PASSWORD = "password";

    private String brokerUrl;
    private String clientId;
    private Integer prefetch;
    private String trustedPackages;
    private String user;
    private String password;
    private transient BrokerUrl parsedUrl;
    private transient ClientOptions options;

    /** A factory for {@code vm://localhost}. */
    public TernConnectionFactory() {
        this(BrokerUrl.DEFAULT);
    }

    /**
     * A factory for a broker URL.
     *
     * @throws IllegalArgumentException if the URL or one of its options is not valid
     */
    public TernConnectionFactory(String brokerUrl) {
        setBrokerURL(brokerUrl);
    }

    public String getBrokerURL() {
        return brokerUrl;
    }

    /** Changes the broker URL; options set through setters before are replaced by the URL's. */
    public final void setBrokerURL(String url) {
        BrokerUrl parsed = BrokerUrl.parse(url);
        this.options = ClientOptions.defaults().with(parsed.clientOptions());
        this.parsedUrl = parsed;
        this.brokerUrl = url;
        this.clientId = null;
        this.prefetch = null;
        this.trustedPackages = null;
    }

    /** The client ID every connection from this factory gets, as {@code jms.clientID} sets it. */
    public void setClientID(String clientId) {
        options = options().withClientId(clientId);
        this.clientId = clientId;
    }

    public String getClientID() {
        return options().clientId();
    }

    /** How many messages the broker may push to a consumer ahead of the application. */
    public void setPrefetch(int prefetch) {
        options = options().withPrefetch(prefetch);
        this.prefetch = prefetch;
    }

    /** Packages whose classes ObjectMessage may deserialize, comma-separated; {@code *} trusts all. */
    public void setTrustedPackages(String packages) {
        options = options().withTrustedPackages(TrustedPackages.of(packages));
        this.trustedPackages = packages;
    }

    /**
     * The user name that {@link #createConnection()}, {@link #createContext()} and the other methods
     * without credentials authenticate with; null (the default) connects without credentials.
     */
    public void setUser(String user) {
        this.user = user;
    }

    public String getUser() {
        return user;
    }

    /** The password that goes with {@link #setUser}. */
    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return createConnection(user, password);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return TernConnection.open(url(), options(), userName, password);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return createQueueConnection(user, password);
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return TernConnection.open(url(), options(), userName, password).restrictTo(MessagingDomain.QUEUE);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return createTopicConnection(user, password);
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return TernConnection.open(url(), options(), userName, password).restrictTo(MessagingDomain.TOPIC);
    }

    @Override
    public JMSContext createContext() {
        return createContext(user, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return createContext(user, password, sessionMode);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        TernJMSContext.checkSessionMode(sessionMode);
        TernConnection connection = JmsExceptions.unchecked(() -> TernConnection.open(url(), options(), userName, password));
        return TernJMSContext.owning(connection, sessionMode);
    }

    @Override
    public XAConnection createXAConnection() throws JMSException {
        return createXAConnection(user, password);
    }

    @Override
    public XAConnection createXAConnection(String userName, String password) throws JMSException {
        return TernXAConnection.open(url(), options(), userName, password);
    }

    @Override
    public XAQueueConnection createXAQueueConnection() throws JMSException {
        return createXAQueueConnection(user, password);
    }

    @Override
    public XAQueueConnection createXAQueueConnection(String userName, String password) throws JMSException {
        return (TernXAConnection) TernXAConnection.open(url(), options(), userName, password)
                .restrictTo(MessagingDomain.QUEUE);
    }

    @Override
    public XATopicConnection createXATopicConnection() throws JMSException {
        return createXATopicConnection(user, password);
    }

    @Override
    public XATopicConnection createXATopicConnection(String userName, String password) throws JMSException {
        return (TernXAConnection) TernXAConnection.open(url(), options(), userName, password)
                .restrictTo(MessagingDomain.TOPIC);
    }

    @Override
    public XAJMSContext createXAContext() {
        return createXAContext(user, password);
    }

    @Override
    public XAJMSContext createXAContext(String userName, String password) {
        TernXAConnection connection = JmsExceptions.unchecked(() -> TernXAConnection.open(url(), options(), userName,
                password));
        return TernXAJMSContext.owning(connection);
    }

    private BrokerUrl url() {
        if (parsedUrl == null) {
            parsedUrl = BrokerUrl.parse(brokerUrl);
        }
        return parsedUrl;
    }

    private ClientOptions options() {
        if (options == null) {
            ClientOptions built = ClientOptions.defaults().with(url().clientOptions());
            if (clientId != null) {
                built = built.withClientId(clientId);
            }
            if (prefetch != null) {
                built = built.withPrefetch(prefetch);
            }
            if (trustedPackages != null) {
                built = built.withTrustedPackages(TrustedPackages.of(trustedPackages));
            }
            options = built;
        }
        return options;
    }

    /**
     * The URL and the settings made through setters, by property name ({@code brokerURL},
     * {@code clientID}, {@code prefetch}, {@code trustedPackages}, {@code user}, {@code password});
     * unset ones are left out. {@link #fromProperties} turns them back into an equal factory.
     */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(BROKER_URL, brokerUrl);
        putIfSet(properties, CLIENT_ID, clientId);
        putIfSet(properties, PREFETCH, prefetch == null ? null : prefetch.toString());
        putIfSet(properties, TRUSTED_PACKAGES, trustedPackages);
        putIfSet(properties, USER, user);
        putIfSet(properties, PASSWORD, password);
        return properties;
    }

    /**
     * A factory from {@link #properties()}; {@code brokerURL} defaults to {@value BrokerUrl#DEFAULT}.
     *
     * @throws IllegalArgumentException for an unknown property or a bad value
     */
    public static TernConnectionFactory fromProperties(Map<String, String> properties) {
        TernConnectionFactory factory = new TernConnectionFactory(properties.getOrDefault(BROKER_URL, BrokerUrl.DEFAULT));
        for (Map.Entry<String, String> property : properties.entrySet()) {
            String value = property.getValue();
            switch (property.getKey()) {
                case BROKER_URL -> { }
                case CLIENT_ID -> factory.setClientID(value);
                case PREFETCH -> factory.setPrefetch(Integer.parseInt(value));
                case TRUSTED_PACKAGES -> factory.setTrustedPackages(value);
                case USER -> factory.setUser(value);
                case PASSWORD -> factory.setPassword(value);
                default -> throw new IllegalArgumentException("Unknown connection factory property '" + property.getKey()
                        + "'; known ones are brokerURL, clientID, prefetch, trustedPackages, user and password.");
            }
        }
        return factory;
    }

    private static void putIfSet(Map<String, String> properties, String name, String value) {
        if (value != null) {
            properties.put(name, value);
        }
    }

    /** A reference holding {@link #properties()}, for {@link TernObjectFactory} to rebuild this factory from. */
    @Override
    public Reference getReference() throws NamingException {
        return TernObjectFactory.referenceTo(getClass(), properties());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TernConnectionFactory other && other.getClass() == getClass()
                && properties().equals(other.properties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(brokerUrl, clientId, prefetch, trustedPackages, user);
    }

    /** The URL, without the password it or the factory may hold. */
    @Override
    public String toString() {
        return "TernConnectionFactory[" + brokerUrl.replaceAll("(?i)(password=)[^&]*", "$1***")
                + (user == null ? "" : ", user=" + user) + "]";
    }
}
