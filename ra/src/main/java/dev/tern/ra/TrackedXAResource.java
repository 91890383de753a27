package dev.tern.ra;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XAResource of a managed connection's session, which also tracks whether the session works in a
 * transaction (between {@code start} and {@code end}), so that handles answer {@code getTransacted()} and
 * {@code commit()} as JMS asks inside and outside one.
 */
final class TrackedXAResource implements XAResource {

    private final XAResource session;
    private volatile Xid active;

    TrackedXAResource(XAResource session) {
        this.session = session;
    }

    /** True between a successful {@code start} and its {@code end}. */
    boolean inTransaction() {
        return active != null;
    }

    /** The branch being worked in, or null. */
    Xid activeBranch() {
        return active;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        session.start(xid, flags);
        active = xid;
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        try {
            session.end(xid, flags);
        } finally {
            active = null;
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return session.prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        session.commit(xid, onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        session.rollback(xid);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        session.forget(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return session.recover(flag);
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return session.isSameRM(other instanceof TrackedXAResource tracked ? tracked.session : other);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return session.getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return session.setTransactionTimeout(seconds);
    }
}
