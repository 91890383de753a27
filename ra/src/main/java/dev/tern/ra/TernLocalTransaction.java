package dev.tern.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A resource-local transaction of a managed connection, run as an XA branch of the connection's own
 * session that is committed in one phase: the same session, producers and consumers take part whether
 * the server uses XA or local transactions, and the broker applies the work as one unit.
 */
final class TernLocalTransaction implements LocalTransaction {

    private final TrackedXAResource resource;
    private Xid branch;

    TernLocalTransaction(TrackedXAResource resource) {
        this.resource = resource;
    }

    @Override
    public synchronized void begin() throws ResourceException {
        if (branch != null || resource.inTransaction()) {
            throw new LocalTransactionException("The connection is in a transaction already.");
        }
        Xid xid = LocalXid.random();
        try {
            resource.start(xid, XAResource.TMNOFLAGS);
        } catch (XAException e) {
            throw failure("begin", e);
        }
        branch = xid;
    }

    @Override
    public synchronized void commit() throws ResourceException {
        Xid xid = take("commit");
        try {
            resource.end(xid, XAResource.TMSUCCESS);
            resource.commit(xid, true);
        } catch (XAException e) {
            throw failure("commit", e);
        }
    }

    @Override
    public synchronized void rollback() throws ResourceException {
        Xid xid = take("rollback");
        try {
            resource.end(xid, XAResource.TMSUCCESS);
        } catch (XAException e) {
            // a branch that can only roll back: the rollback below does it
        }
        try {
            resource.rollback(xid);
        } catch (XAException e) {
            throw failure("rollback", e);
        }
    }

    /** True between {@code begin} and {@code commit} or {@code rollback}. */
    synchronized boolean isActive() {
        return branch != null;
    }

    private Xid take(String operation) throws LocalTransactionException {
        if (branch == null) {
            throw new LocalTransactionException("Cannot " + operation + ": no local transaction was begun.");
        }
        Xid xid = branch;
        branch = null;
        return xid;
    }

    private static LocalTransactionException failure(String operation, XAException e) {
        LocalTransactionException failure = new LocalTransactionException("Local transaction " + operation
                + " failed (XA error " + e.errorCode + "): " + e.getMessage(), String.valueOf(e.errorCode));
        failure.initCause(e);
        return failure;
    }
}
