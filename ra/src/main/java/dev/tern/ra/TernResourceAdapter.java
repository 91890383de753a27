package dev.tern.ra;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.transaction.xa.XAResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tern resource adapter: its configuration properties name the broker and the default credentials
 * that its connection factories ({@link TernManagedConnectionFactory}) and message endpoint activations
 * ({@link TernActivationSpec}) use unless they set their own. Each instance keeps its own
 * {@link BootstrapContext} and activations; several may run in one JVM.
 */
public class TernResourceAdapter implements ResourceAdapter, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TernResourceAdapter.class);

    /** The broker URL used when none is configured. */
    public static final String DEFAULT_BROKER_URL = "tcp://localhost:61616";

    private String brokerUrl = DEFAULT_BROKER_URL;
    private String userName;
    private String password;
    private String clientId;
    private String clientOptions;
    private long deactivationTimeoutMillis = 10_000;

    private transient volatile BootstrapContext bootstrapContext;
    private transient Map<ActivationKey, Activation> activations = new ConcurrentHashMap<>();

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        if (context == null || context.getWorkManager() == null) {
            throw new ResourceAdapterInternalException("The server passed no BootstrapContext with a WorkManager.");
        }
        this.bootstrapContext = context;
        LOG.info("Tern resource adapter started for {}", settings());
    }

    /** Ends every activation, each within the deactivation timeout. */
    @Override
    public void stop() {
        List<Activation> running = new ArrayList<>(activations().values());
        activations().clear();
        running.forEach(activation -> activation.stop(deactivationTimeout()));
        bootstrapContext = null;
        LOG.info("Tern resource adapter stopped; {} activation(s) ended", running.size());
    }

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) throws ResourceException {
        WorkManager workManager = workManager();
        if (!(spec instanceof TernActivationSpec ternSpec)) {
            throw new NotSupportedException("Tern activates endpoints with a " + TernActivationSpec.class.getName()
                    + ", not " + (spec == null ? "null" : spec.getClass().getName()));
        }
        ternSpec.validate();
        ActivationKey key = new ActivationKey(endpointFactory, spec);
        Activation activation = new Activation(ternSpec.activationConfig(this), endpointFactory, workManager);
        Activation existing = activations().putIfAbsent(key, activation);
        if (existing != null) {
            LOG.warn("Endpoint {} is active already with this activation spec; not activating it twice", endpointFactory);
            return;
        }
        activation.start();
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        Activation activation = activations().remove(new ActivationKey(endpointFactory, spec));
        if (activation == null) {
            LOG.warn("Endpoint {} was not active; nothing to deactivate", endpointFactory);
            return;
        }
        activation.stop(deactivationTimeout());
    }

    /**
     * XA resources through which the transaction manager recovers prepared branches: one per broker that
     * the given activations use, or the adapter's broker when none is given. Never throws: a broker that
     * cannot be reached is logged and left out.
     */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        List<ConnectionSettings> brokers = new ArrayList<>();
        if (specs != null) {
            for (ActivationSpec spec : specs) {
                if (spec instanceof TernActivationSpec ternSpec) {
                    try {
                        addBroker(brokers, ternSpec.activationConfig(this).settings());
                    } catch (RuntimeException e) {
                        LOG.warn("Cannot tell the broker of activation spec {} for XA recovery: {}", spec, e.getMessage());
                    }
                }
            }
        }
        if (brokers.isEmpty()) {
            addBroker(brokers, settings());
        }
        return brokers.stream().map(RecoveryResource::new).toArray(XAResource[]::new);
    }

    private static void addBroker(List<ConnectionSettings> brokers, ConnectionSettings settings) {
        ConnectionSettings withoutClientId = new ConnectionSettings(settings.brokerUrl(), settings.clientOptions(),
                settings.userName(), settings.password(), null);
        if (brokers.stream().noneMatch(known -> known.sameBroker(withoutClientId))) {
            brokers.add(withoutClientId);
        }
    }

    /** The adapter's broker and credentials; its client ID is for activations of unshared durable subscriptions. */
    ConnectionSettings settings() {
        return new ConnectionSettings(brokerUrl, clientOptions, userName, password, clientId);
    }

    WorkManager workManager() throws ResourceAdapterInternalException {
        BootstrapContext context = bootstrapContext;
        if (context == null) {
            throw new ResourceAdapterInternalException("The Tern resource adapter is not started.");
        }
        return context.getWorkManager();
    }

    /** The running activation of an endpoint, or null; for tests and diagnostics. */
    Activation activation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        return activations().get(new ActivationKey(endpointFactory, spec));
    }

    private Map<ActivationKey, Activation> activations() {
        if (activations == null) { // after deserialization
            activations = new ConcurrentHashMap<>();
        }
        return activations;
    }

    private Duration deactivationTimeout() {
        return Duration.ofMillis(deactivationTimeoutMillis);
    }

    public String getBrokerUrl() {
        return brokerUrl;
    }

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

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientOptions() {
        return clientOptions;
    }

    /** Client options appended to every broker URL, such as {@code jms.prefetch=10&jms.requestTimeout=5000}. */
    public void setClientOptions(String clientOptions) {
        this.clientOptions = clientOptions;
    }

    public Long getDeactivationTimeoutMillis() {
        return deactivationTimeoutMillis;
    }

    /** How long deactivating an endpoint waits for running deliveries before it closes their sessions anyway. */
    public void setDeactivationTimeoutMillis(Long millis) {
        this.deactivationTimeoutMillis = millis == null ? 10_000 : millis;
    }

    /** Identity, as JCA asks of a resource adapter JavaBean. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "TernResourceAdapter[" + settings() + "]";
    }

    /** An activation's identity: the endpoint factory and the spec the server passed. */
    private record ActivationKey(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
    }
}
