package dev.tern.broker.xa;

import static javax.transaction.xa.XAException.XAER_DUPID;
import static javax.transaction.xa.XAException.XAER_INVAL;
import static javax.transaction.xa.XAException.XAER_NOTA;
import static javax.transaction.xa.XAException.XAER_PROTO;
import static javax.transaction.xa.XAException.XAER_RMERR;
import static javax.transaction.xa.XAException.XA_HEURCOM;
import static javax.transaction.xa.XAException.XA_HEURRB;
import static javax.transaction.xa.XAException.XA_RBROLLBACK;
import static javax.transaction.xa.XAResource.TMFAIL;
import static javax.transaction.xa.XAResource.TMJOIN;
import static javax.transaction.xa.XAResource.TMNOFLAGS;
import static javax.transaction.xa.XAResource.TMRESUME;
import static javax.transaction.xa.XAResource.TMSUCCESS;
import static javax.transaction.xa.XAResource.TMSUSPEND;
import static javax.transaction.xa.XAResource.XA_OK;
import static javax.transaction.xa.XAResource.XA_RDONLY;

import dev.tern.broker.core.BrokerTimer;
import dev.tern.broker.core.Journal;
import dev.tern.broker.core.Journal.RoutedMessage;
import dev.tern.broker.core.MessageRef;
import dev.tern.broker.core.Redelivery;
import dev.tern.protocol.BranchId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's XA branches, by ID, and the XA protocol over them: {@code start} and {@code end} associate
 * sessions, {@code prepare} journals a branch (it then survives a restart), {@code commit} and
 * {@code rollback} decide it. Refusals are {@link XaException}s with the error code the transaction
 * manager is to see; a rolled-back branch never answers XA_RETRY.
 *
 * <p>A branch not prepared within its transaction timeout is rolled back: at once if no session works in
 * it, otherwise when the last one ends; later calls about it get XA_RBTIMEOUT. A prepared branch waits for
 * its transaction manager however long that takes.
 */
public final class XaTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(XaTransactions.class);

    private final Journal journal;
    private final Redelivery redelivery;
    private final BrokerTimer timer;
    private final int defaultTimeoutSeconds;
    private final ConcurrentMap<BranchId, XaBranch> branches = new ConcurrentHashMap<>();
    /**
     * Branches an operator decided, true if committed, until their transaction managers forget them. Kept in
     * memory only: after a restart such a branch is unknown (XAER_NOTA) to its manager.
     */
    private final ConcurrentMap<BranchId, Boolean> heuristics = new ConcurrentHashMap<>();

    /** @param defaultTimeoutSeconds the transaction timeout of a branch whose manager sets none */
    public XaTransactions(Journal journal, Redelivery redelivery, BrokerTimer timer, int defaultTimeoutSeconds) {
        this.journal = journal;
        this.redelivery = redelivery;
        this.timer = timer;
        this.defaultTimeoutSeconds = defaultTimeoutSeconds;
    }

    /**
     * Associates a session with a new branch ({@code TMNOFLAGS}) or with an existing one ({@code TMJOIN},
     * {@code TMRESUME}).
     *
     * @param timeoutSeconds the branch's transaction timeout; 0 for the broker's default
     */
    public XaBranch start(BranchId id, int flags, int timeoutSeconds, Object session) {
        if (flags == TMJOIN || flags == TMRESUME) {
            XaBranch branch = undecided(id);
            synchronized (branch) {
                if (branch.isRollbackOnly()) {
                    throw branch.rolledBack();
                }
                branch.join(session, flags == TMRESUME);
            }
            return branch;
        }
        if (flags != TMNOFLAGS) {
            throw new XaException(XAER_INVAL, "start takes TMNOFLAGS, TMJOIN or TMRESUME, not flags " + flags + ".");
        }
        XaBranch branch = new XaBranch(id);
        branch.join(session, false);
        if (branches.putIfAbsent(id, branch) != null) {
            throw new XaException(XAER_DUPID, "Branch " + id + " exists already; join it with TMJOIN.");
        }
        long seconds = timeoutSeconds > 0 ? timeoutSeconds : defaultTimeoutSeconds;
        branch.watch(timer.runAt(timer.now() + seconds * 1000L, () -> timedOut(branch)));
        return branch;
    }

    /**
     * Ends a session's work in a branch; the deliveries it consumed there become the branch's.
     *
     * @param flags {@code TMSUCCESS}, {@code TMSUSPEND} or {@code TMFAIL}
     * @throws XaException XA_RBTIMEOUT if the branch's timeout ran out meanwhile (it is then rolled back)
     */
    public void end(XaBranch branch, Object session, int flags, List<MessageRef> consumed) {
        if (flags != TMSUCCESS && flags != TMSUSPEND && flags != TMFAIL) {
            branch.abandon(session);
            redelivery.returnToQueues(consumed, ref -> true, "ended with invalid flags in an XA transaction");
            throw new XaException(XAER_INVAL, "end takes TMSUCCESS, TMSUSPEND or TMFAIL, not flags " + flags
                    + "; the branch can now only roll back.");
        }
        XaBranch.Work timedOut = null;
        synchronized (branch) {
            if (branch.state() == XaBranch.State.DECIDED) {
                // Rolled back while the session worked in it, or timed out: what it consumed goes back.
                redelivery.returnToQueues(consumed, ref -> true, "rolled back in an XA transaction");
                throw branch.rolledBack();
            }
            branch.leave(session, consumed, flags == TMSUSPEND, flags == TMFAIL);
            if (branch.hasTimedOut() && branch.state() == XaBranch.State.IDLE) {
                timedOut = branch.decide();
            }
        }
        if (timedOut != null) {
            giveBack(timedOut);
            throw branch.rolledBack();
        }
    }

    /**
     * Prepares a branch: journals it, unless it did nothing.
     *
     * @return completes with XA_OK once the branch is durable, or XA_RDONLY (the branch is then forgotten)
     */
    public CompletableFuture<Integer> prepare(BranchId id) {
        XaBranch branch = undecided(id);
        synchronized (branch) {
            checkEnded(branch, "prepare");
            if (branch.state() == XaBranch.State.PREPARED) {
                throw new XaException(XAER_PROTO, "Branch " + id + " is prepared already.");
            }
            if (branch.isRollbackOnly()) {
                XaException rolledBack = branch.rolledBack();
                giveBack(decide(branch));
                throw rolledBack;
            }
            if (branch.isEmpty()) {
                decide(branch);
                return CompletableFuture.completedFuture(XA_RDONLY);
            }
            branch.prepared();
        }
        return journal.prepare(id, branch.sends(), branch.acknowledged()).handle((done, failure) -> {
            if (failure != null) {
                branch.prepareFailed();
                throw new CompletionException(new XaException(XAER_RMERR, "Branch " + id
                        + " could not be journaled; it can only roll back: " + cause(failure).getMessage()));
            }
            return XA_OK;
        });
    }

    /** Commits a branch: in one phase one that was ended and not prepared, in the second phase one that was. */
    public CompletableFuture<Void> commit(BranchId id, boolean onePhase) {
        XaBranch branch = undecided(id);
        XaBranch.Work work;
        synchronized (branch) {
            checkEnded(branch, "commit");
            boolean prepared = branch.state() == XaBranch.State.PREPARED;
            if (onePhase && prepared) {
                throw new XaException(XAER_PROTO, "Branch " + id + " is prepared; commit it in two phases.");
            }
            if (!onePhase && !prepared) {
                throw new XaException(XAER_PROTO, "Branch " + id + " was not prepared; prepare it first, or commit "
                        + "it in one phase.");
            }
            if (branch.isRollbackOnly()) {
                XaException rolledBack = branch.rolledBack();
                giveBack(decide(branch));
                throw rolledBack;
            }
            work = branch.decide();
        }
        if (onePhase) {
            return journal.commit(work.sends(), work.acknowledged()).handle((done, failure) -> {
                branches.remove(id, branch);
                if (failure != null) {
                    giveBack(work);
                    throw new CompletionException(new XaException(XA_RBROLLBACK, "Branch " + id
                            + " could not be stored and was rolled back: " + cause(failure).getMessage()));
                }
                return null;
            });
        }
        return journal.commitPrepared(id, work.sends(), work.acknowledged()).handle((done, failure) -> {
            if (failure != null) {
                branch.stillPrepared(work);
                throw new CompletionException(new XaException(XAER_RMERR, "Branch " + id
                        + " stays prepared: its commit could not be journaled: " + cause(failure).getMessage()));
            }
            branches.remove(id, branch);
            return null;
        });
    }

    /**
     * Rolls a branch back: its sends are dropped and what it consumed goes back to its queues, counted once
     * more. A branch still active is rolled back as well; the sessions in it learn it at their end.
     */
    public CompletableFuture<Void> rollback(BranchId id) {
        XaBranch branch = branches.get(id);
        if (branch == null) {
            throw unknownOrDecidedByAnOperator(id);
        }
        XaBranch.Work work;
        boolean prepared;
        synchronized (branch) {
            if (branch.state() == XaBranch.State.DECIDED) {
                branches.remove(id, branch);
                return CompletableFuture.completedFuture(null);
            }
            // A branch sessions still work in is rolled back too, as managers such as GlassFish's expect;
            // their sends are refused from now on and their end answers XA_RBROLLBACK.
            prepared = branch.state() == XaBranch.State.PREPARED;
            work = branch.decide();
        }
        if (!prepared) {
            branches.remove(id, branch);
            giveBack(work);
            return CompletableFuture.completedFuture(null);
        }
        return journal.rollbackPrepared(id, work.sends()).handle((done, failure) -> {
            if (failure != null) {
                branch.stillPrepared(work);
                throw new CompletionException(new XaException(XAER_RMERR, "Branch " + id
                        + " stays prepared: its rollback could not be journaled: " + cause(failure).getMessage()));
            }
            branches.remove(id, branch);
            giveBack(work);
            return null;
        });
    }

    /** Forgets a branch an operator decided, once its transaction manager has learned the outcome. */
    public void forget(BranchId id) {
        if (heuristics.remove(id) != null) {
            return;
        }
        XaBranch branch = branches.get(id);
        throw branch == null ? unknown(id) : new XaException(XAER_PROTO, "Branch " + id
                + " was not decided heuristically; commit or roll it back.");
    }

    /**
     * An operator's decision about a prepared branch whose transaction manager does not come back: it is
     * committed or rolled back now, and its manager learns it as XA_HEURCOM or XA_HEURRB until it forgets it.
     */
    public CompletableFuture<Void> decideHeuristically(BranchId id, boolean commit) {
        XaBranch branch = undecided(id);
        if (branch.state() != XaBranch.State.PREPARED) {
            throw new XaException(XAER_PROTO, "Branch " + id + " is " + branch.state().name().toLowerCase()
                    + "; an operator decides prepared branches only, which their transaction managers left in doubt.");
        }
        heuristics.put(id, commit);
        CompletableFuture<Void> decided = commit ? commit(id, false) : rollback(id);
        return decided.whenComplete((done, failure) -> {
            if (failure != null) {
                heuristics.remove(id, commit);
            } else {
                LOG.warn("XA branch {} was {} by an operator; its transaction manager will be told {}", id,
                        commit ? "committed" : "rolled back", commit ? "XA_HEURCOM" : "XA_HEURRB");
            }
        });
    }

    /** The prepared branches and those an operator decided, for a transaction manager's recovery. */
    public List<BranchId> recover() {
        List<BranchId> listed = new ArrayList<>(branches.values().stream()
                .filter(branch -> branch.state() == XaBranch.State.PREPARED).map(XaBranch::id).toList());
        listed.addAll(heuristics.keySet());
        return listed;
    }

    /** A session closed: its work in any branch is over, and such a branch can only roll back. */
    public void sessionClosed(XaBranch branch, Object session) {
        branch.abandon(session);
    }

    /** Takes back a prepared branch read from the journal at start-up. */
    public void restore(BranchId id, List<RoutedMessage> sends, List<MessageRef> acknowledged) {
        branches.put(id, XaBranch.restored(id, sends, acknowledged));
    }

    private void timedOut(XaBranch branch) {
        XaBranch.Work work;
        synchronized (branch) {
            XaBranch.State state = branch.state();
            if (state == XaBranch.State.PREPARED || state == XaBranch.State.DECIDED) {
                return;
            }
            branch.markRollbackOnly(true);
            if (state == XaBranch.State.ACTIVE) {
                return; // rolled back when its last session ends
            }
            work = branch.decide();
        }
        LOG.info("XA branch {} rolled back: its transaction timeout ran out before it was prepared", branch.id());
        giveBack(work);
    }

    /** Decides a branch and forgets it; returns its work. */
    private XaBranch.Work decide(XaBranch branch) {
        branches.remove(branch.id(), branch);
        return branch.decide();
    }

    private void giveBack(XaBranch.Work work) {
        redelivery.returnToQueues(work.acknowledged(), ref -> true, "rolled back in an XA transaction");
    }

    /** The branch, if it is known and not decided; a branch decided by its timeout is forgotten with XA_RBTIMEOUT. */
    private XaBranch undecided(BranchId id) {
        XaBranch branch = branches.get(id);
        if (branch == null) {
            throw unknownOrDecidedByAnOperator(id);
        }
        synchronized (branch) {
            if (branch.state() == XaBranch.State.DECIDED) {
                branches.remove(id, branch);
                throw branch.hasTimedOut() ? branch.rolledBack() : unknown(id);
            }
        }
        return branch;
    }

    private static void checkEnded(XaBranch branch, String operation) {
        XaBranch.State state = branch.state();
        if (state == XaBranch.State.ACTIVE || state == XaBranch.State.SUSPENDED) {
            throw new XaException(XAER_PROTO, "Branch " + branch.id() + " is " + state.name().toLowerCase()
                    + "; end it before " + operation + ".");
        }
    }

    private XaException unknownOrDecidedByAnOperator(BranchId id) {
        Boolean committed = heuristics.get(id);
        if (committed == null) {
            return unknown(id);
        }
        return committed
                ? new XaException(XA_HEURCOM, "Branch " + id + " was committed by an operator; forget it.")
                : new XaException(XA_HEURRB, "Branch " + id + " was rolled back by an operator; forget it.");
    }

    private static XaException unknown(BranchId id) {
        return new XaException(XAER_NOTA, "This broker knows no branch " + id + ".");
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
