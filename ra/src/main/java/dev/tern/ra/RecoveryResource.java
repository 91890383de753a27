package dev.tern.ra;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XAResource that {@link TernResourceAdapter#getXAResources} hands to the transaction manager for
 * recovery. It holds no connection: each call opens a fresh XA session on the broker, asks, and closes it,
 * so a broker that is down fails the call with {@code XAER_RMFAIL} and the manager tries again later.
 * {@code recover} lists every prepared branch when a scan starts ({@code TMSTARTRSCAN}) and none after.
 */
final class RecoveryResource implements XAResource {

    private final ConnectionSettings broker;

    RecoveryResource(ConnectionSettings broker) {
        this.broker = broker;
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        if ((flag & TMSTARTRSCAN) == 0) {
            return new Xid[0];
        }
        return withResource(resource -> resource.recover(flag));
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        withResource(resource -> {
            resource.commit(xid, onePhase);
            return null;
        });
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        withResource(resource -> {
            resource.rollback(xid);
            return null;
        });
    }

    @Override
    public void forget(Xid xid) throws XAException {
        withResource(resource -> {
            resource.forget(xid);
            return null;
        });
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return withResource(resource -> resource.prepare(xid));
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        throw failure(XAException.XAER_PROTO, "A recovery resource does not start branches; it only decides them.");
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        throw failure(XAException.XAER_PROTO, "A recovery resource has no branch to end.");
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }

    private <T> T withResource(XaCall<T> call) throws XAException {
        XAConnection connection;
        try {
            connection = broker.connectionFactory().createXAConnection();
        } catch (JMSException | RuntimeException e) {
            throw (XAException) failure(XAException.XAER_RMFAIL, "Cannot reach broker " + broker + " for XA recovery: "
                    + e.getMessage()).initCause(e);
        }
        try {
            return call.apply(connection.createXASession().getXAResource());
        } catch (JMSException e) {
            throw (XAException) failure(XAException.XAER_RMFAIL, "Cannot open an XA session on broker " + broker + ": "
                    + e.getMessage()).initCause(e);
        } finally {
            try {
                connection.close();
            } catch (JMSException e) {
                // the answer is what matters; the broker drops the connection anyway
            }
        }
    }

    private static XAException failure(int code, String message) {
        XAException failure = new XAException(message);
        failure.errorCode = code;
        return failure;
    }

    @Override
    public String toString() {
        return "RecoveryResource[" + broker + "]";
    }

    @FunctionalInterface
    private interface XaCall<T> {
        T apply(XAResource resource) throws XAException, JMSException;
    }
}
