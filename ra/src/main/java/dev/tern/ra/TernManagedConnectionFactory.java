package dev.tern.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.security.PasswordCredential;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * The server's factory of pooled broker connections ({@link TernManagedConnection}) behind an
 * application's {@link TernRaConnectionFactory}. Its properties override the adapter's broker URL,
 * credentials and client options; a {@code clientId} is its own only, as a client ID is held by one
 * connection at a time (so a pool with a client ID holds at most one connection). With
 * {@code transactional=false} its connections never take part in transactions.
 */
public class TernManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation,
        TransactionSupport {

    private static final long serialVersionUID = 1L;

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private String brokerUrl;
    private String userName;
    private String password;
    private String clientId;
    private String clientOptions;
    private Boolean transactional = true;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) {
        return new TernRaConnectionFactory(this, connectionManager);
    }

    /** A factory for use outside a server: each connection is opened for the application and closed with it. */
    @Override
    public Object createConnectionFactory() {
        return new TernRaConnectionFactory(this, new UnmanagedConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo requestInfo)
            throws ResourceException {
        return new TernManagedConnection(this, credentials(subject, requestInfo));
    }

    @Override
    public ManagedConnection matchManagedConnections(@SuppressWarnings("rawtypes") Set candidates, Subject subject,
            ConnectionRequestInfo requestInfo) throws ResourceException {
        Credentials wanted = credentials(subject, requestInfo);
        for (Object candidate : candidates) {
            if (candidate instanceof TernManagedConnection connection && connection.factory() == this
                    && connection.credentials().equals(wanted) && connection.isUsable()) {
                return connection;
            }
        }
        return null;
    }

    /** The credentials a request asks for: the application's, else the server's sign-on, else the configured. */
    Credentials credentials(Subject subject, ConnectionRequestInfo requestInfo) {
        if (requestInfo instanceof TernConnectionRequestInfo info && info.userName() != null) {
            return new Credentials(info.userName(), info.password());
        }
        if (subject != null) {
            for (PasswordCredential credential : subject.getPrivateCredentials(PasswordCredential.class)) {
                if (credential.getManagedConnectionFactory() == null || this.equals(credential.getManagedConnectionFactory())) {
                    return new Credentials(credential.getUserName(), new String(credential.getPassword()));
                }
            }
        }
        ConnectionSettings settings = settings();
        return new Credentials(settings.userName(), settings.password());
    }

    /** This factory's settings, the adapter's filling in the gaps (except its client ID). */
    ConnectionSettings settings() {
        ConnectionSettings own = new ConnectionSettings(brokerUrl, clientOptions, userName, password, clientId);
        if (resourceAdapter instanceof TernResourceAdapter adapter) {
            ConnectionSettings defaults = adapter.settings();
            return own.orElse(new ConnectionSettings(defaults.brokerUrl(), defaults.clientOptions(), defaults.userName(),
                    defaults.password(), null));
        }
        return own.orElse(new ConnectionSettings(TernResourceAdapter.DEFAULT_BROKER_URL, null, null, null, null));
    }

    boolean isTransactional() {
        return !Boolean.FALSE.equals(transactional);
    }

    @Override
    public TransactionSupportLevel getTransactionSupport() {
        return isTransactional() ? TransactionSupportLevel.XATransaction : TransactionSupportLevel.NoTransaction;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
        if (resourceAdapter != null && resourceAdapter != adapter) {
            throw new jakarta.resource.spi.IllegalStateException("This connection factory belongs to another adapter already.");
        }
        this.resourceAdapter = adapter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
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

    public void setClientOptions(String clientOptions) {
        this.clientOptions = clientOptions;
    }

    public Boolean getTransactional() {
        return transactional;
    }

    /** False: connections never join transactions (the server is told NoTransaction). */
    public void setTransactional(Boolean transactional) {
        this.transactional = transactional;
    }

    /** Equal when configured alike, as JCA asks: the server keeps one pool per distinct factory. */
    @Override
    public boolean equals(Object other) {
        return other instanceof TernManagedConnectionFactory that && other.getClass() == getClass()
                && Objects.equals(brokerUrl, that.brokerUrl) && Objects.equals(userName, that.userName)
                && Objects.equals(password, that.password) && Objects.equals(clientId, that.clientId)
                && Objects.equals(clientOptions, that.clientOptions) && isTransactional() == that.isTransactional()
                && resourceAdapter == that.resourceAdapter;
    }

    @Override
    public int hashCode() {
        return Objects.hash(brokerUrl, userName, clientId, clientOptions, isTransactional());
    }

    @Override
    public String toString() {
        return "TernManagedConnectionFactory[" + settings() + (isTransactional() ? "" : ", transactional=false") + "]";
    }
}
