package dev.tern.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.TransactionSupport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A server's ConnectionManager, much simplified: a pool of managed connections reused after their handle
 * closes (with cleanup), recording the connection events; while a {@link #begin() transaction} runs it
 * enlists each connection it hands out, as a server's transaction manager does, unless the factory says
 * NoTransaction.
 */
final class FakeConnectionManager implements ConnectionManager, ConnectionEventListener {

    private static final long serialVersionUID = 1L;

    final List<ManagedConnection> created = new CopyOnWriteArrayList<>();
    final List<ManagedConnection> idle = new CopyOnWriteArrayList<>();
    final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    final List<XAResource> enlisted = new CopyOnWriteArrayList<>();
    private final List<ManagedConnection> inTransaction = new CopyOnWriteArrayList<>();
    private final List<ManagedConnection> closedInTransaction = new CopyOnWriteArrayList<>();
    private Xid transaction;

    @Override
    public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo requestInfo)
            throws ResourceException {
        ManagedConnection connection = idle.isEmpty() ? null
                : factory.matchManagedConnections(java.util.Set.copyOf(idle), null, requestInfo);
        if (connection == null) {
            connection = factory.createManagedConnection(null, requestInfo);
            connection.addConnectionEventListener(this);
            created.add(connection);
        } else {
            idle.remove(connection);
        }
        if (transaction != null && factory instanceof TransactionSupport support
                && support.getTransactionSupport() == TransactionSupport.TransactionSupportLevel.XATransaction) {
            XAResource resource = connection.getXAResource();
            try {
                resource.start(transaction, XAResource.TMNOFLAGS);
            } catch (XAException e) {
                throw new ResourceException("enlist failed", e);
            }
            enlisted.add(resource);
            inTransaction.add(connection);
        }
        return connection.getConnection(null, requestInfo);
    }

    /** Starts a transaction: connections handed out until {@link #commit()} or {@link #rollback()} are enlisted. */
    void begin() {
        transaction = TestXid.next();
    }

    void commit() throws XAException {
        complete(true);
    }

    void rollback() throws XAException {
        complete(false);
    }

    private void complete(boolean commit) throws XAException {
        Xid xid = transaction;
        transaction = null;
        for (XAResource resource : enlisted) {
            resource.end(xid, XAResource.TMSUCCESS);
        }
        if (!enlisted.isEmpty()) {
            XAResource first = enlisted.get(0);
            if (commit) {
                first.commit(xid, true);
            } else {
                first.rollback(xid);
            }
        }
        enlisted.clear();
        inTransaction.clear();
        for (ManagedConnection connection : closedInTransaction) {
            release(connection);
        }
        closedInTransaction.clear();
    }

    @Override
    public void connectionClosed(ConnectionEvent event) {
        events.add(event);
        ManagedConnection connection = (ManagedConnection) event.getSource();
        if (inTransaction.contains(connection)) {
            closedInTransaction.add(connection); // a server returns it to the pool when the transaction ends
        } else {
            release(connection);
        }
    }

    private void release(ManagedConnection connection) {
        try {
            connection.cleanup();
        } catch (ResourceException e) {
            throw new IllegalStateException(e);
        }
        idle.add(connection);
    }

    @Override
    public void connectionErrorOccurred(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void localTransactionStarted(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void localTransactionCommitted(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void localTransactionRolledback(ConnectionEvent event) {
        events.add(event);
    }

    void destroyAll() {
        for (ManagedConnection connection : created) {
            try {
                connection.destroy();
            } catch (ResourceException e) {
                // closing anyway
            }
        }
    }
}
