package dev.tern.ra;

import java.util.Arrays;
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

    /**
     * Rolls a branch back, ending it first (TMFAIL) if this session still works in it: a transaction
     * manager may roll back without ending the branch (GlassFish does after a message-driven bean throws),
     * and the broker refuses to roll back an active branch.
     */
    @Override
    public void rollback(Xid xid) throws XAException {
        if (sameBranch(active, xid)) {
            try {
                end(xid, TMFAIL);
            } catch (XAException e) {
                if (e.errorCode < XAException.XA_RBBASE || e.errorCode > XAException.XA_RBEND) {
                    throw e;
                }
            }
        }
        session.rollback(xid);
    }

    /** Xid implementations need not define equals: compare the three parts. */
    private static boolean sameBranch(Xid a, Xid b) {
        return a != null && b != null && a.getFormatId() == b.getFormatId()
                && Arrays.equals(a.getGlobalTransactionId(), b.getGlobalTransactionId())
                && Arrays.equals(a.getBranchQualifier(), b.getBranchQualifier());
    }

    @Override
    public void forget(Xid xid) throws XAException {
        session.forget(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return session.recover(flag);
    }

    /**
     * True only for this resource itself, so that every pooled connection works in a branch of its own.
     * A transaction manager that joins two sessions in one branch ends and decides it through one of
     * them: GlassFish rolls back an MDB's delivery branch before it ends the association of a connection
     * the bean sent through, and the broker refuses to roll back a branch a session still works in.
     */
    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
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
