package dev.tern.ra;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XAResource that a transacted delivery's session gives the container. When the endpoint throws, the
 * delivery marks the branch rollback-only: ending it successfully then ends it failed, and a prepare or
 * one-phase commit rolls it back and answers {@code XA_RBROLLBACK}, so the message comes again even
 * if the container goes on to commit. WildFly does that for a delivery it refuses because the bean is
 * being undeployed (WFLYEJB0421): the refusal happens outside the bean's transaction handling, and the
 * transaction begun in {@code beforeDelivery} would otherwise acknowledge a message no bean processed.
 */
final class DeliveryXAResource implements XAResource {

    private final XAResource session;
    private volatile boolean rollbackOnly;

    DeliveryXAResource(XAResource session) {
        this.session = session;
    }

    /** Dooms the branch being worked in: it can only roll back. A new branch starts clean. */
    void markRollbackOnly() {
        rollbackOnly = true;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        if ((flags & (TMJOIN | TMRESUME)) == 0) {
            rollbackOnly = false;
        }
        session.start(xid, flags);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        if (!rollbackOnly || flags != TMSUCCESS) {
            session.end(xid, flags);
            return;
        }
        // Ended failed, quietly: the prepare or commit that follows rolls back. Answering XA_RBROLLBACK here
        // instead makes GlassFish, which ends the branch so while rolling back, log a warning each time.
        try {
            session.end(xid, TMFAIL);
        } catch (XAException e) {
            if (!isRollbackCode(e)) {
                throw e;
            }
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        if (rollbackOnly) {
            rollBackQuietly(xid);
            throw rolledBack("The message endpoint threw: the delivery's branch was rolled back instead of prepared");
        }
        return session.prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        if (rollbackOnly && onePhase) {
            rollBackQuietly(xid);
            throw rolledBack("The message endpoint threw: the delivery's branch was rolled back instead of committed");
        }
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

    /** True only for this resource itself, as {@link TrackedXAResource}: the delivery keeps a branch of its own. */
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

    private void rollBackQuietly(Xid xid) {
        try {
            session.rollback(xid);
        } catch (XAException ignored) {
            // Rolled back already, or the broker rolls it back when the session closes.
        }
    }

    private static boolean isRollbackCode(XAException e) {
        return e.errorCode >= XAException.XA_RBBASE && e.errorCode <= XAException.XA_RBEND;
    }

    private static XAException rolledBack(String message) {
        XAException e = new XAException(message);
        e.errorCode = XAException.XA_RBROLLBACK;
        return e;
    }
}
