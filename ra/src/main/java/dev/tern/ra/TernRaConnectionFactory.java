package dev.tern.ra;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;

/**
 * The connection factory an application looks up in a Jakarta EE server. Its connections and JMS
 * contexts are handles on pooled broker connections that the server's ConnectionManager hands out and
 * enlists in the running JTA transaction. Per the Jakarta Messaging rules for EE containers, the
 * session arguments of {@code createSession} and {@code createContext} are not used: inside a
 * transaction the session takes part in it, outside one it acknowledges automatically.
 */
public class TernRaConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        Referenceable, Serializable {

    private static final long serialVersionUID = 1L;

    private final TernManagedConnectionFactory managedFactory;
    private final ConnectionManager connectionManager;
    private Reference reference;

    TernRaConnectionFactory(TernManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
        this.managedFactory = managedFactory;
        this.connectionManager = connectionManager;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return allocate(null);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return allocate(new TernConnectionRequestInfo(userName, password));
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return allocate(null);
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return allocate(new TernConnectionRequestInfo(userName, password));
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return allocate(null);
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return allocate(new TernConnectionRequestInfo(userName, password));
    }

    @Override
    public JMSContext createContext() {
        return context(null, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return context(new TernConnectionRequestInfo(userName, password), JMSContext.AUTO_ACKNOWLEDGE);
    }

    /** The session mode is checked but not used, as the Jakarta Messaging rules for EE containers ask. */
    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return context(new TernConnectionRequestInfo(userName, password), sessionMode);
    }

    /** The session mode is checked but not used, as the Jakarta Messaging rules for EE containers ask. */
    @Override
    public JMSContext createContext(int sessionMode) {
        return context(null, sessionMode);
    }

    private JMSContext context(TernConnectionRequestInfo requestInfo, int sessionMode) {
        TernRaSession.checkSessionMode(sessionMode);
        return new TernRaJMSContext(RuntimeExceptions.unchecked(() -> allocate(requestInfo)));
    }

    private TernRaConnection allocate(TernConnectionRequestInfo requestInfo) throws JMSException {
        try {
            return (TernRaConnection) connectionManager.allocateConnection(managedFactory, requestInfo);
        } catch (ResourceException e) {
            JMSException failure = new JMSException("Cannot get a Tern connection from the server's pool: "
                    + e.getMessage());
            failure.setLinkedException(e);
            failure.initCause(e);
            throw failure;
        }
    }

    /** The broker and credentials of this factory's connections. */
    ConnectionSettings settings() {
        return managedFactory.settings();
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }

    @Override
    public String toString() {
        return "TernRaConnectionFactory[" + managedFactory + "]";
    }
}
