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
import java.io.Serializable;

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
 */
public class TernConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory, Serializable {

    private static final long serialVersionUID = 1L;

    private String brokerUrl;
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
    }

    /** The client ID every connection from this factory gets, as {@code jms.clientID} sets it. */
    public void setClientID(String clientId) {
        options = options().withClientId(clientId);
    }

    public String getClientID() {
        return options().clientId();
    }

    /** How many messages the broker may push to a consumer ahead of the application. */
    public void setPrefetch(int prefetch) {
        options = options().withPrefetch(prefetch);
    }

    /** Packages whose classes ObjectMessage may deserialize, comma-separated; {@code *} trusts all. */
    public void setTrustedPackages(String packages) {
        options = options().withTrustedPackages(TrustedPackages.of(packages));
    }

    @Override
    public Connection createConnection() throws JMSException {
        return createConnection(null, null);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return TernConnection.open(url(), options(), userName, password);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return createQueueConnection(null, null);
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return TernConnection.open(url(), options(), userName, password);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return createTopicConnection(null, null);
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return TernConnection.open(url(), options(), userName, password);
    }

    @Override
    public JMSContext createContext() {
        return createContext(null, null, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return createContext(null, null, sessionMode);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        TernJMSContext.checkSessionMode(sessionMode);
        TernConnection connection = JmsExceptions.unchecked(() -> TernConnection.open(url(), options(), userName, password));
        return TernJMSContext.owning(connection, sessionMode);
    }

    private BrokerUrl url() {
        if (parsedUrl == null) {
            parsedUrl = BrokerUrl.parse(brokerUrl);
        }
        return parsedUrl;
    }

    private ClientOptions options() {
        if (options == null) {
            options = ClientOptions.defaults().with(url().clientOptions());
        }
        return options;
    }

    @Override
    public String toString() {
        return "TernConnectionFactory[" + brokerUrl + "]";
    }
}
