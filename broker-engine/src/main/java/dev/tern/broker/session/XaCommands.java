package dev.tern.broker.session;

import dev.tern.broker.BrokerException;
import dev.tern.broker.xa.XaException;
import dev.tern.broker.xa.XaTransactions;
import dev.tern.protocol.Command;
import dev.tern.protocol.Event;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongFunction;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a connection's XA commands and makes their answers: an {@link Event.XaAnswer} with XA_OK,
 * XA_RDONLY or the XAException error code of a refusal, or the {@link Event.XaBranches} of a recover.
 */
final class XaCommands {

    private static final Logger LOG = LoggerFactory.getLogger(XaCommands.class);

    private final XaTransactions transactions;
    private final LongFunction<ServerSession> sessions;

    /** @param sessions finds an open session of the connection by ID, or throws */
    XaCommands(XaTransactions transactions, LongFunction<ServerSession> sessions) {
        this.transactions = transactions;
        this.sessions = sessions;
    }

    /** Carries out the command; the answer completes when the journal has what it needs. */
    CompletableFuture<Event.Answer> execute(Command.Xa command) {
        long requestId = command.requestId();
        if (command instanceof Command.XaRecover) {
            return CompletableFuture.completedFuture(new Event.XaBranches(requestId, transactions.recover()));
        }
        try {
            return outcome(command).handle((code, failure) -> failure == null
                    ? new Event.XaAnswer(requestId, code, null) : refusal(command, failure));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(refusal(command, e));
        }
    }

    private CompletableFuture<Integer> outcome(Command.Xa command) {
        if (command instanceof Command.XaStart start) {
            sessions.apply(start.sessionId()).xaStart(transactions, start.branch(), start.flags(), start.timeoutSeconds());
        } else if (command instanceof Command.XaEnd end) {
            sessions.apply(end.sessionId()).xaEnd(end.branch(), end.flags(), end.consumed());
        } else if (command instanceof Command.XaPrepare prepare) {
            return transactions.prepare(prepare.branch());
        } else if (command instanceof Command.XaCommit commit) {
            return transactions.commit(commit.branch(), commit.onePhase()).thenApply(done -> XAResource.XA_OK);
        } else if (command instanceof Command.XaRollback rollback) {
            return transactions.rollback(rollback.branch()).thenApply(done -> XAResource.XA_OK);
        } else if (command instanceof Command.XaForget forget) {
            transactions.forget(forget.branch());
        } else if (command instanceof Command.XaDecide decide) {
            return transactions.decideHeuristically(decide.branch(), decide.commit()).thenApply(done -> XAResource.XA_OK);
        }
        return CompletableFuture.completedFuture(XAResource.XA_OK);
    }

    private static Event.Answer refusal(Command.Xa command, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof XaException xa) {
            return new Event.XaAnswer(command.requestId(), xa.code(), xa.getMessage());
        }
        if (cause instanceof BrokerException broker) {
            return new Event.XaAnswer(command.requestId(), XAException.XAER_PROTO, broker.getMessage());
        }
        LOG.error("{} failed", command.getClass().getSimpleName(), cause);
        return new Event.XaAnswer(command.requestId(), XAException.XAER_RMERR, "The broker failed: " + cause);
    }
}
