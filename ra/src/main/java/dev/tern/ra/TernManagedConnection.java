package dev.tern.ra;

import dev.tern.jms.TernConnection;
import dev.tern.jms.TernXASession;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import jakarta.resource.spi.ResourceAdapterInternalException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pooled broker connection: a physical XA connection with one XA session, which every handle
 * ({@link TernRaConnection}) on it works through. The session's XAResource is what the server enlists;
 * a local transaction is a one-phase branch of the same session ({@link TernLocalTransaction}). Closing a
 * handle tells the server's listeners CONNECTION_CLOSED; a lost broker, CONNECTION_ERROR_OCCURRED.
 */
final class TernManagedConnection implements ManagedConnection {

    private static final Logger LOG = LoggerFactory.getLogger(TernManagedConnection.class);

    private final TernManagedConnectionFactory factory;
    private final Credentials credentials;
    private final XAConnection connection;
    private final TernXASession session;
    private final TrackedXAResource xaResource;
    private final TernLocalTransaction localTransaction;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<TernRaConnection> handles = ConcurrentHashMap.newKeySet();
    private volatile boolean destroyed;
    private volatile boolean failed;
    private PrintWriter logWriter;

    TernManagedConnection(TernManagedConnectionFactory factory, Credentials credentials) throws ResourceException {
        this.factory = factory;
        this.credentials = credentials;
        XAConnection opened = null;
        try {
            opened = factory.settings().connectionFactory().createXAConnection(credentials.userName(),
                    credentials.password());
            opened.setExceptionListener(this::connectionFailed);
            this.session = (TernXASession) opened.createXASession();
            opened.start();
        } catch (JMSException | RuntimeException e) {
            closeQuietly(opened);
            throw new ResourceAdapterInternalException("Cannot connect to broker " + factory.settings() + ": "
                    + e.getMessage(), e);
        }
        this.connection = opened;
        this.xaResource = new TrackedXAResource(session.getXAResource());
        this.localTransaction = new TernLocalTransaction(xaResource);
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo requestInfo) throws ResourceException {
        checkNotDestroyed();
        TernRaConnection handle = new TernRaConnection(this);
        handles.add(handle);
        return handle;
    }

    /** Moves a handle of another managed connection to this one; the handle must have no open session. */
    @Override
    public void associateConnection(Object handle) throws ResourceException {
        checkNotDestroyed();
        if (!(handle instanceof TernRaConnection raConnection)) {
            throw new ResourceException("Not a Tern connection handle: " + handle);
        }
        raConnection.reassociate(this);
        handles.add(raConnection);
    }

    /** Invalidates every handle (closing what was created through them) and ends a local transaction left open. */
    @Override
    public void cleanup() throws ResourceException {
        for (TernRaConnection handle : List.copyOf(handles)) {
            handle.invalidate();
        }
        handles.clear();
        if (localTransaction.isActive()) {
            LOG.warn("A local transaction was left open on a pooled connection; rolling it back");
            localTransaction.rollback();
        }
        if (xaResource.inTransaction()) {
            LOG.warn("Connection returned to the pool while in XA branch {}; the transaction manager must end it",
                    xaResource.activeBranch());
        }
    }

    @Override
    public void destroy() throws ResourceException {
        if (destroyed) {
            return;
        }
        destroyed = true;
        for (TernRaConnection handle : List.copyOf(handles)) {
            handle.invalidate();
        }
        handles.clear();
        closeQuietly(connection);
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        if (!factory.isTransactional()) {
            throw new NotSupportedException("This connection factory is configured with transactional=false.");
        }
        return xaResource;
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        if (!factory.isTransactional()) {
            throw new NotSupportedException("This connection factory is configured with transactional=false.");
        }
        return localTransaction;
    }

    @Override
    public ManagedConnectionMetaData getMetaData() throws ResourceException {
        checkNotDestroyed();
        try {
            return new TernManagedConnectionMetaData(connection.getMetaData().getProviderVersion(), credentials.userName());
        } catch (JMSException e) {
            throw new ResourceException("Cannot read the connection's metadata: " + e.getMessage(), e);
        }
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    // ---- for handles ----

    XAConnection physicalConnection() {
        return connection;
    }

    TernXASession physicalSession() {
        return session;
    }

    /** True while the session works in a transaction, XA or local. */
    boolean inTransaction() {
        return xaResource.inTransaction();
    }

    Credentials credentials() {
        return credentials;
    }

    TernManagedConnectionFactory factory() {
        return factory;
    }

    /** False once destroyed or after the broker went away. */
    boolean isUsable() {
        return !destroyed && !failed && !(connection instanceof TernConnection tern && tern.isLost());
    }

    /** A handle was closed by the application: the server may return this connection to its pool. */
    void handleClosed(TernRaConnection handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        listeners.forEach(listener -> listener.connectionClosed(event));
    }

    /** A handle moved to another managed connection. */
    void handleMoved(TernRaConnection handle) {
        handles.remove(handle);
    }

    private void connectionFailed(JMSException cause) {
        if (destroyed || !(connection == null || connection instanceof TernConnection tern && tern.isLost())) {
            LOG.debug("Connection reported {} but is still up", cause.getMessage());
            return;
        }
        failed = true;
        LOG.warn("Pooled Tern connection lost: {}", cause.getMessage());
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
        listeners.forEach(listener -> listener.connectionErrorOccurred(event));
    }

    private void checkNotDestroyed() throws ResourceException {
        if (destroyed) {
            throw new jakarta.resource.spi.IllegalStateException("The managed connection is destroyed.");
        }
    }

    private static void closeQuietly(XAConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                LOG.debug("Closing a pooled connection: {}", e.getMessage());
            }
        }
    }
}
