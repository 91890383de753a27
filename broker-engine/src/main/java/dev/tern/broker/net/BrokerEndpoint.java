package dev.tern.broker.net;

import dev.tern.broker.security.ClientOrigin;
import dev.tern.broker.session.ServerConnection;
import dev.tern.protocol.InVmConnector;

/** The broker as an acceptor sees it: something that opens a connection for a client. */
@FunctionalInterface
public interface BrokerEndpoint {

    /**
     * Opens a connection, exactly as an in-JVM client gets one.
     *
     * @param client receives the broker's events for the connection
     * @param origin the client's address (for the audit log and the login limits) and verified certificate
     * @param onClosed runs once when the connection has closed
     * @throws IllegalStateException if the broker is stopped
     */
    ServerConnection connect(InVmConnector.EventListener client, ClientOrigin origin, Runnable onClosed);
}
