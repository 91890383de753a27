package dev.tern.ra;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import jakarta.resource.ResourceException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An application's handle on a pooled broker connection ({@link TernManagedConnection}). It allows one
 * open session at a time, as Jakarta EE containers do; {@code setClientID}, {@code setExceptionListener},
 * {@code stop} and the connection consumers throw IllegalStateException (Jakarta Messaging 3.1, section 12.2).
 * The pooled connection is always started, so {@code start()} only marks the handle.
 */
public final class TernRaConnection implements Connection, QueueConnection, TopicConnection {

    private final Set<TernRaSession> sessions = ConcurrentHashMap.newKeySet();
    private volatile TernManagedConnection managed;
    private volatile boolean closed;

    TernRaConnection(TernManagedConnection managed) {
        this.managed = managed;
    }

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return openSession();
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        TernRaSession.checkSessionModeChecked(sessionMode);
        return openSession();
    }

    @Override
    public Session createSession() throws JMSException {
        return openSession();
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return openSession();
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return openSession();
    }

    private synchronized TernRaSession openSession() throws JMSException {
        checkOpen();
        if (!sessions.isEmpty()) {
            throw new IllegalStateException("A connection in a Jakarta EE container has one open session at a time; "
                    + "close the session first or create another connection (they are pooled).");
        }
        TernRaSession session = new TernRaSession(this, managed);
        sessions.add(session);
        return session;
    }

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        return managed.physicalConnection().getClientID();
    }

    @Override
    public void setClientID(String clientId) throws JMSException {
        throw restricted("setClientID");
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        return managed.physicalConnection().getMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        return null;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        throw restricted("setExceptionListener");
    }

    @Override
    public void start() throws JMSException {
        checkOpen();
    }

    @Override
    public void stop() throws JMSException {
        throw restricted("stop");
    }

    /** Closes the sessions (with the producers, consumers and temporary destinations made through them). */
    @Override
    public void close() throws JMSException {
        TernManagedConnection owner;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            owner = managed;
        }
        closeSessions();
        owner.handleClosed(this);
    }

    /** Closes the handle for the server's cleanup, without telling its listeners. */
    void invalidate() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeSessions();
    }

    /** Moves to another managed connection (JCA's associateConnection). */
    synchronized void reassociate(TernManagedConnection target) throws ResourceException {
        if (closed) {
            throw new jakarta.resource.spi.IllegalStateException("The connection handle is closed.");
        }
        if (!sessions.isEmpty()) {
            throw new jakarta.resource.spi.IllegalStateException("A Tern connection handle with an open session "
                    + "cannot move to another managed connection; close the session first.");
        }
        if (target != managed) {
            managed.handleMoved(this);
            managed = target;
        }
    }

    private void closeSessions() {
        for (TernRaSession session : List.copyOf(sessions)) {
            session.closeQuietly();
        }
        sessions.clear();
    }

    void sessionClosed(TernRaSession session) {
        sessions.remove(session);
    }

    TernManagedConnection managed() {
        return managed;
    }

    boolean isClosed() {
        return closed;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("The connection is closed.");
        }
    }

    static IllegalStateException restricted(String method) {
        return new IllegalStateException(method + " may not be called in a Jakarta EE web or EJB container "
                + "(Jakarta Messaging 3.1, section 12.2).");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw restricted("createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector, ServerSessionPool sessionPool,
            int maxMessages) throws JMSException {
        throw restricted("createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector, ServerSessionPool sessionPool,
            int maxMessages) throws JMSException {
        throw restricted("createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw restricted("createSharedConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw restricted("createDurableConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw restricted("createSharedDurableConnectionConsumer");
    }
}
