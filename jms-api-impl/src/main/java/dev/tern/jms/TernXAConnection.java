package dev.tern.jms;

import jakarta.jms.JMSException;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicSession;

/** A connection whose XA sessions a transaction manager enlists; its other sessions are as any connection's. */
public final class TernXAConnection extends TernConnection implements XAQueueConnection, XATopicConnection {

    private TernXAConnection(BrokerUrl url, ClientOptions options) throws JMSException {
        super(url, options);
    }

    /** Opens an XA connection: connects, authenticates and claims the configured client ID. */
    static TernXAConnection open(BrokerUrl url, ClientOptions options, String user, String password)
            throws JMSException {
        TernXAConnection connection = new TernXAConnection(url, options);
        connection.handshake(user, password);
        return connection;
    }

    @Override
    public XASession createXASession() throws JMSException {
        return createXaSession(MessagingDomain.UNIFIED);
    }

    @Override
    public XAQueueSession createXAQueueSession() throws JMSException {
        return createXaSession(MessagingDomain.QUEUE);
    }

    @Override
    public XATopicSession createXATopicSession() throws JMSException {
        return createXaSession(MessagingDomain.TOPIC);
    }
}
