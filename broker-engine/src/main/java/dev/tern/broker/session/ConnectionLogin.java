package dev.tern.broker.session;

import dev.tern.broker.BrokerException;
import dev.tern.broker.security.AuthenticatedUser;
import dev.tern.broker.security.ClientOrigin;
import dev.tern.broker.security.LoginGuard;
import dev.tern.protocol.Command;
import dev.tern.protocol.ErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one connection in: checks the credentials of its {@link Command.OpenConnection} on the broker's
 * login threads, within the {@linkplain LoginGuard login limits}, and holds what the connection is asked
 * to do meanwhile ({@link LoginGate}). The outcome is told on the connection's lane, and what was held
 * runs after it, in order. An address that failed too many logins is refused after
 * {@link #THROTTLED_REFUSAL_DELAY_MILLIS}, without a check, so that guessing gets no answer faster.
 *
 * <p>Used on the connection's lane only, but for the check itself.
 */
final class ConnectionLogin {

    /** How long a login from an address throttled for failed logins waits for its refusal. */
    static final long THROTTLED_REFUSAL_DELAY_MILLIS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLogin.class);

    /** What becomes of a login; on the connection's lane. */
    interface Outcome {

        /**
         * The credentials proved this user: open the connection.
         *
         * @throws BrokerException to refuse it after all (a limit, a client ID in use, a closed connection)
         */
        void loggedIn(Command.OpenConnection open, AuthenticatedUser user);

        /** The login was refused, or failed. */
        void refused(Command.OpenConnection open, ErrorCode code, String message);
    }

    private final long connectionId;
    private final BrokerServices broker;
    private final ClientOrigin origin;
    private final Executor lane;
    private final PendingAnswers pendingAnswers;
    private final Outcome outcome;
    private final LoginGate gate = new LoginGate();

    /**
     * @param lane the connection's lane, where the outcome is told
     * @param pendingAnswers where the outcome is registered as an answer still due
     */
    ConnectionLogin(long connectionId, BrokerServices broker, ClientOrigin origin, Executor lane,
            PendingAnswers pendingAnswers, Outcome outcome) {
        this.connectionId = connectionId;
        this.broker = broker;
        this.origin = origin;
        this.lane = lane;
        this.pendingAnswers = pendingAnswers;
        this.outcome = outcome;
    }

    /** True from {@link #start} until the outcome is told: what the connection is asked to do must wait. */
    boolean inProgress() {
        return gate.isClosed();
    }

    /**
     * Holds a task until the outcome is told.
     *
     * @return false, holding nothing, if {@link LoginGate#MAX_HELD} tasks wait already
     */
    boolean hold(Runnable task) {
        return gate.hold(task);
    }

    /**
     * Starts checking the credentials.
     *
     * @throws BrokerException if the check cannot start: too many logins wait, or the broker is stopping
     */
    void start(Command.OpenConnection open) {
        LoginGuard.Attempt attempt;
        try {
            attempt = broker.loginGuard().begin(origin.address());
        } catch (BrokerException refusal) {
            if (refusal.code() != ErrorCode.SECURITY) {
                throw refusal;
            }
            Executor later = CompletableFuture.delayedExecutor(THROTTLED_REFUSAL_DELAY_MILLIS, TimeUnit.MILLISECONDS, lane);
            gate.close();
            pendingAnswers.add(CompletableFuture.runAsync(() -> finish(open, null, refusal), later));
            return;
        }
        CompletableFuture<AuthenticatedUser> check;
        try {
            check = CompletableFuture.supplyAsync(() -> authenticate(open, attempt), broker.loginThreads());
        } catch (RejectedExecutionException e) {
            attempt.finished(false, connectionId, open.user());
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "The broker is stopping.");
        }
        gate.close();
        pendingAnswers.add(check.handleAsync((user, failure) -> {
            finish(open, user, failure);
            return null;
        }, lane));
    }

    /** Tells the outcome, then runs what was held. */
    private void finish(Command.OpenConnection open, AuthenticatedUser user, Throwable failure) {
        try {
            if (failure == null) {
                outcome.loggedIn(open, user);
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (!(cause instanceof BrokerException)) {
                    throw new IllegalStateException("The login failed: " + cause, cause);
                }
                throw (BrokerException) cause;
            }
        } catch (BrokerException e) {
            outcome.refused(open, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("The login of connection {} failed", connectionId, e);
            outcome.refused(open, ErrorCode.INTERNAL, e.getMessage());
        } finally {
            gate.release();
        }
    }

    /** Checks the credentials, or the client's certificate; on a login thread. */
    private AuthenticatedUser authenticate(Command.OpenConnection open, LoginGuard.Attempt attempt) {
        String from = origin.address();
        try {
            AuthenticatedUser authenticated = broker.security().authenticator()
                    .authenticate(open.user(), open.password(), origin.certificate());
            attempt.finished(false, connectionId, open.user());
            broker.audit().loggedIn(connectionId, authenticated.name(), from);
            return authenticated;
        } catch (BrokerException e) {
            LOG.info("Connection {} refused: {}", connectionId, e.getMessage());
            broker.audit().loginRefused(connectionId, open.user(), from, e.getMessage());
            attempt.finished(e.code() == ErrorCode.SECURITY, connectionId, open.user());
            throw e;
        } catch (RuntimeException e) {
            attempt.finished(false, connectionId, open.user());
            throw e;
        }
    }
}
