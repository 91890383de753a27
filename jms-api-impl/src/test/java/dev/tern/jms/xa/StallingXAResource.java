package dev.tern.jms.xa;

import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * An XAResource of a transaction that a crash test kills: at its {@link Point} it runs the stall it was given,
 * which reports and never returns. The resources of one transaction share a {@link Stall}, which counts their
 * calls.
 */
final class StallingXAResource extends ForwardingXAResource {

    /** Where in two-phase commit the transaction stalls. */
    enum Point {
        /** In the last prepare, once it returned: every branch is prepared, and Narayana has logged no decision. */
        PHASE_ONE,
        /** In the first commit of the second phase: every branch is prepared and the commit decision is logged. */
        PHASE_TWO
    }

    /** The point of one transaction and what happens there; it counts the prepares of that transaction's branches. */
    static final class Stall {
        private final Point point;
        private final int branches;
        private final Runnable stall;
        private final AtomicInteger prepared = new AtomicInteger();

        /** @param branches how many branches the transaction has, so which prepare is the last */
        Stall(Point point, int branches, Runnable stall) {
            this.point = point;
            this.branches = branches;
            this.stall = stall;
        }
    }

    private final Stall stall;

    StallingXAResource(XAResource delegate, Stall stall) {
        super(delegate);
        this.stall = stall;
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        int vote = super.prepare(xid);
        if (stall.point == Point.PHASE_ONE && stall.prepared.incrementAndGet() == stall.branches) {
            stall.stall.run();
        }
        return vote;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        if (stall.point == Point.PHASE_TWO) {
            stall.stall.run();
        }
        super.commit(xid, onePhase);
    }
}
