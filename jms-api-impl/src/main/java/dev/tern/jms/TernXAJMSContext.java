package dev.tern.jms;

import static dev.tern.jms.JmsExceptions.unchecked;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.XAJMSContext;
import javax.transaction.xa.XAResource;

/**
 * A JMSContext whose session is an {@link TernXASession}: a transaction manager enlists it through
 * {@link #getXAResource()}; {@code commit} and {@code rollback} are the manager's, not the application's.
 */
public final class TernXAJMSContext extends TernJMSContext implements XAJMSContext {

    private TernXAJMSContext(SharedConnection shared) {
        super(shared, JMSContext.SESSION_TRANSACTED);
    }

    /** A context that owns a new XA connection. */
    static TernXAJMSContext owning(TernXAConnection connection) {
        return new TernXAJMSContext(new SharedConnection(connection));
    }

    @Override
    TernSession newSession(TernConnection connection, int mode) throws JMSException {
        return connection.createXaSession(MessagingDomain.UNIFIED);
    }

    @Override
    public JMSContext getContext() {
        checkOpen();
        return this;
    }

    @Override
    public XAResource getXAResource() {
        return unchecked(() -> ((TernXASession) session()).getXAResource());
    }
}
