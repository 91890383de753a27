package dev.tern.jms;

import dev.tern.protocol.AckMode;
import jakarta.jms.JMSException;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicSession;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XATopicSession;
import java.util.List;
import javax.transaction.xa.XAResource;

/**
 * A session whose transactions a transaction manager runs through its {@link XAResource}. Between the
 * resource's {@code start} and {@code end} its sends and the messages it consumes belong to the XA branch;
 * outside a branch it acknowledges as AUTO_ACKNOWLEDGE does, and its sends go at once, as Artemis's do.
 */
public final class TernXASession extends TernSession implements XAQueueSession, XATopicSession {

    private final TernXAResource resource;
    private volatile boolean inBranch;

    TernXASession(TernConnection connection, long id, MessagingDomain domain) {
        super(connection, id, Session.AUTO_ACKNOWLEDGE, domain);
        this.resource = new TernXAResource(this);
    }

    @Override
    AckMode ackMode() {
        return inBranch ? AckMode.TRANSACTED : AckMode.AUTO;
    }

    @Override
    public XAResource getXAResource() {
        return resource;
    }

    @Override
    public Session getSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public QueueSession getQueueSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public TopicSession getTopicSession() throws JMSException {
        checkOpen();
        return this;
    }

    /** True, as for every XA session: its transactions are the transaction manager's. */
    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return true;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return Session.SESSION_TRANSACTED;
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        throw new TransactionInProgressException("An XA session's transaction is committed by its transaction "
                + "manager, through the session's XAResource.");
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        throw new TransactionInProgressException("An XA session's transaction is rolled back by its transaction "
                + "manager, through the session's XAResource.");
    }

    void enterBranch() {
        inBranch = true;
    }

    /**
     * Leaves the branch: waits for the broker to answer the branch's sends, and returns the deliveries the
     * application consumed in it, which the end hands to the branch.
     *
     * @return the failure of a send of the branch that did not wait, or null
     */
    Throwable leaveBranch(List<Long> consumed) throws JMSException {
        try {
            awaitAsyncSends();
            consumed.addAll(takeConsumed());
            return takeTransactionFailure();
        } finally {
            inBranch = false;
        }
    }
}
