package dev.tern.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection manager of a factory used outside a server ({@code createConnectionFactory()} without
 * one): no pool and no transactions; each handle gets a connection of its own, destroyed when it closes.
 */
final class UnmanagedConnectionManager implements ConnectionManager {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(UnmanagedConnectionManager.class);

    @Override
    public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo requestInfo)
            throws ResourceException {
        ManagedConnection connection = factory.createManagedConnection(null, requestInfo);
        connection.addConnectionEventListener(new DestroyWhenDone(connection));
        return connection.getConnection(null, requestInfo);
    }

    /** Destroys the managed connection when its handle closes or the broker goes away. */
    private record DestroyWhenDone(ManagedConnection connection) implements ConnectionEventListener {
        @Override
        public void connectionClosed(ConnectionEvent event) {
            destroy();
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            destroy();
        }

        private void destroy() {
            try {
                connection.destroy();
            } catch (ResourceException e) {
                LOG.debug("Destroying an unmanaged connection: {}", e.getMessage());
            }
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
        }
    }
}
