package dev.tern.jms;

import dev.tern.protocol.Command;
import dev.tern.protocol.Event;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XAResource of a {@link TernXASession}: each call is a command to the broker, which keeps the branch
 * (see {@code dev.tern.broker.xa.XaTransactions}), and the broker's refusals come back as XAExceptions with
 * its error codes. A call the broker could not be asked, because the connection is gone, fails with
 * XAER_RMFAIL, so that the transaction manager recovers the branch later.
 */
final class TernXAResource implements XAResource {

    private final TernXASession session;
    private volatile int timeoutSeconds;

    TernXAResource(TernXASession session) {
        this.session = session;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        call(id -> new Command.XaStart(id, session.id(), TernXid.branchOf(xid), flags, timeoutSeconds),
                "Starting XA branch " + xid);
        session.enterBranch();
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        List<Long> consumed = new ArrayList<>();
        Throwable sendFailure;
        try {
            sendFailure = session.leaveBranch(consumed);
        } catch (JMSException e) {
            sendFailure = e;
        }
        int endFlags = sendFailure == null ? flags : TMFAIL;
        call(id -> new Command.XaEnd(id, session.id(), TernXid.branchOf(xid), endFlags, consumed),
                "Ending XA branch " + xid);
        if (sendFailure != null) {
            throw failure(XAException.XA_RBROLLBACK, "A send in XA branch " + xid + " failed, so it can only roll "
                    + "back: " + sendFailure.getMessage(), sendFailure);
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return call(id -> new Command.XaPrepare(id, TernXid.branchOf(xid)), "Preparing XA branch " + xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        call(id -> new Command.XaCommit(id, TernXid.branchOf(xid), onePhase), "Committing XA branch " + xid);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        call(id -> new Command.XaRollback(id, TernXid.branchOf(xid)), "Rolling back XA branch " + xid);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        call(id -> new Command.XaForget(id, TernXid.branchOf(xid)), "Forgetting XA branch " + xid);
    }

    /** The prepared branches, all in the scan that {@code TMSTARTRSCAN} opens; none in the rest of it. */
    @Override
    public Xid[] recover(int flag) throws XAException {
        if ((flag & TMSTARTRSCAN) == 0) {
            return new Xid[0];
        }
        Event answer = ask(id -> new Command.XaRecover(id), "Listing the prepared XA branches");
        if (answer instanceof Event.XaBranches branches) {
            return branches.branches().stream().map(TernXid::new).toArray(Xid[]::new);
        }
        throw failure(XAException.XAER_RMERR, "The broker answered a recover with " + answer, null);
    }

    /** True for a resource of a session of the same broker: either can decide the other's branches. */
    @Override
    public boolean isSameRM(XAResource other) {
        return other instanceof TernXAResource resource
                && resource.session.connection().brokerAddress().equals(session.connection().brokerAddress());
    }

    @Override
    public int getTransactionTimeout() {
        return timeoutSeconds;
    }

    /** Sets the timeout of branches started from now on; 0 for the broker's default. */
    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        if (seconds < 0) {
            throw failure(XAException.XAER_INVAL, "A transaction timeout is 0 or more seconds, not " + seconds, null);
        }
        timeoutSeconds = seconds;
        return true;
    }

    /** Sends an XA command and returns the code of a success: XA_OK, or XA_RDONLY for a prepare. */
    private int call(LongFunction<Command> command, String what) throws XAException {
        Event answer = ask(command, what);
        if (answer instanceof Event.XaAnswer xa) {
            if (xa.code() == XA_OK || xa.code() == XA_RDONLY) {
                return xa.code();
            }
            throw failure(xa.code(), what + " failed: " + xa.message(), null);
        }
        throw failure(XAException.XAER_RMERR, what + ": the broker answered " + answer, null);
    }

    private Event ask(LongFunction<Command> command, String what) throws XAException {
        try {
            return session.connection().call(command, what);
        } catch (IllegalStateException e) {
            throw failure(XAException.XAER_PROTO, what + " failed: " + e.getMessage(), e);
        } catch (JMSException e) {
            throw failure(XAException.XAER_RMFAIL, what + " failed: " + e.getMessage(), e);
        }
    }

    private static XAException failure(int code, String message, Throwable cause) {
        XAException failure = new XAException(message);
        failure.errorCode = code;
        if (cause != null) {
            failure.initCause(cause);
        }
        return failure;
    }
}
