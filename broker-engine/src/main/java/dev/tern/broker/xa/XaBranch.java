package dev.tern.broker.xa;

import dev.tern.broker.core.BrokerTimer;
import dev.tern.broker.core.Journal.RoutedMessage;
import dev.tern.broker.core.MessageRef;
import dev.tern.protocol.BranchId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.transaction.xa.XAException;

/**
 * One XA transaction branch on the broker: the messages sent and the deliveries consumed in it, and where
 * it stands. Sessions work in it between {@code start} and {@code end}; it then waits, idle, to be prepared
 * and committed, committed in one phase, or rolled back. Guarded by its own monitor; {@link XaTransactions}
 * moves it from state to state.
 */
public final class XaBranch {

    /** Where a branch stands. */
    enum State {
        /** At least one session works in it. */
        ACTIVE,
        /** Its sessions have suspended their work in it, and none works in it. */
        SUSPENDED,
        /** Ended: no session works in it, and it waits for prepare, commit or rollback. */
        IDLE,
        /** Journaled by prepare: it survives a restart and is decided only by commit or rollback. */
        PREPARED,
        /** Committed or rolled back; a timed-out branch stays in this state until its manager asks about it. */
        DECIDED
    }

    private final BranchId id;
    private final List<RoutedMessage> sends = new ArrayList<>();
    private final List<MessageRef> acknowledged = new ArrayList<>();
    private final Set<Object> working = new HashSet<>();
    private final Set<Object> suspended = new HashSet<>();
    private State state = State.ACTIVE;
    private boolean rollbackOnly;
    private boolean timedOut;
    private BrokerTimer.Scheduled timeout;

    XaBranch(BranchId id) {
        this.id = id;
    }

    /** A branch read back from the journal at start-up: prepared, with its work. */
    static XaBranch restored(BranchId id, List<RoutedMessage> sends, List<MessageRef> acknowledged) {
        XaBranch branch = new XaBranch(id);
        branch.sends.addAll(sends);
        branch.acknowledged.addAll(acknowledged);
        branch.state = State.PREPARED;
        return branch;
    }

    public BranchId id() {
        return id;
    }

    /** Adds a send of a session working in the branch; refused once the branch was ended by every session. */
    public synchronized void addSend(RoutedMessage send) {
        if (state != State.ACTIVE) {
            throw new XaException(XAException.XAER_PROTO, "Branch " + id + " is " + state.name().toLowerCase()
                    + "; a message can be sent in it only between start and end.");
        }
        sends.add(send);
    }

    synchronized List<RoutedMessage> sends() {
        return List.copyOf(sends);
    }

    synchronized List<MessageRef> acknowledged() {
        return List.copyOf(acknowledged);
    }

    synchronized State state() {
        return state;
    }

    synchronized boolean isEmpty() {
        return sends.isEmpty() && acknowledged.isEmpty();
    }

    synchronized boolean isRollbackOnly() {
        return rollbackOnly;
    }

    synchronized boolean hasTimedOut() {
        return timedOut;
    }

    synchronized void watch(BrokerTimer.Scheduled timeout) {
        this.timeout = timeout;
    }

    /** The error a call on a branch marked rollback-only, or rolled back, gets. */
    synchronized XaException rolledBack() {
        return timedOut
                ? new XaException(XAException.XA_RBTIMEOUT, "Branch " + id + " was rolled back: its transaction timeout ran out.")
                : new XaException(XAException.XA_RBROLLBACK, "Branch " + id + " is rolled back: it failed, or its "
                        + "transaction manager rolled it back.");
    }

    synchronized void join(Object session, boolean resume) {
        if (resume) {
            if (!suspended.remove(session)) {
                throw new XaException(XAException.XAER_PROTO, "Branch " + id + " was not suspended by this session; "
                        + "TMRESUME continues a branch the same session suspended.");
            }
        } else if (state != State.IDLE && state != State.ACTIVE) {
            throw new XaException(XAException.XAER_PROTO, "Branch " + id + " is " + state.name().toLowerCase()
                    + "; TMJOIN joins a branch that is active or ended.");
        }
        working.add(session);
        state = State.ACTIVE;
    }

    /** Ends a session's work in the branch; {@code suspend} keeps it to be resumed, {@code fail} dooms the branch. */
    synchronized void leave(Object session, List<MessageRef> consumed, boolean suspend, boolean fail) {
        if (!working.remove(session)) {
            throw new XaException(XAException.XAER_PROTO, "This session does not work in branch " + id + ".");
        }
        acknowledged.addAll(consumed);
        if (suspend) {
            suspended.add(session);
        }
        if (fail) {
            rollbackOnly = true;
        }
        if (working.isEmpty()) {
            state = suspended.isEmpty() ? State.IDLE : State.SUSPENDED;
        }
    }

    /** A session closed: its work in the branch, done or suspended, is over and the branch can only roll back. */
    synchronized void abandon(Object session) {
        boolean worked = working.remove(session);
        if (worked | suspended.remove(session)) {
            rollbackOnly = true;
            if (working.isEmpty() && (state == State.ACTIVE || state == State.SUSPENDED)) {
                state = suspended.isEmpty() ? State.IDLE : State.SUSPENDED;
            }
        }
    }

    synchronized void markRollbackOnly(boolean becauseOfTimeout) {
        rollbackOnly = true;
        timedOut |= becauseOfTimeout;
    }

    synchronized void prepared() {
        state = State.PREPARED;
    }

    /** Prepare could not journal the branch: it is idle again, and can only roll back. */
    synchronized void prepareFailed() {
        state = State.IDLE;
        rollbackOnly = true;
    }

    /** The journal refused a decision about a prepared branch: it is prepared again, with its work. */
    synchronized void stillPrepared(Work work) {
        state = State.PREPARED;
        sends.addAll(work.sends());
        acknowledged.addAll(work.acknowledged());
    }

    /** Marks the branch decided and takes its work; whatever comes later finds it decided. */
    synchronized Work decide() {
        state = State.DECIDED;
        working.clear();
        suspended.clear();
        if (timeout != null) {
            timeout.cancel();
        }
        Work work = new Work(List.copyOf(sends), List.copyOf(acknowledged));
        sends.clear();
        acknowledged.clear();
        return work;
    }

    /** What a decided branch did: its sends and the references it acknowledged. */
    record Work(List<RoutedMessage> sends, List<MessageRef> acknowledged) {
    }
}
