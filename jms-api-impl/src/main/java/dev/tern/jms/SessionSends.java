package dev.tern.jms;

import dev.tern.jms.provider.ProviderException;
import dev.tern.protocol.Command;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.Event;
import dev.tern.protocol.MessageRecord;
import jakarta.jms.CompletionListener;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * How one session's sends reach the broker. A persistent send outside a transaction waits for the
 * broker's answer, which comes once the message is durable: that is the JMS promise. The others go on
 * without waiting, as Artemis and ActiveMQ do by default: a non-persistent send, which a failure may
 * lose anyway, and a send in a transaction, which {@code commit} confirms, except the session's first
 * send to each destination, which waits so that a refusal reaches the call. They are bounded by the
 * {@link SendWindow}; a failure of one is reported later, to the commit of its transaction (which then
 * rolls back) or, outside a transaction, to the connection's ExceptionListener. {@code jms.syncSends=true}
 * makes every send wait.
 */
final class SessionSends {

    /** How many destinations a session remembers having reached before it starts again. */
    private static final int MAX_REACHED = 1_024;

    private final TernConnection connection;
    private final long sessionId;
    private final BooleanSupplier transacted;
    private final SendWindow window;
    private final AsyncSends callbacks;
    /** Destinations a send of this session has reached; see {@link #send}. */
    private final Set<DestinationName> reached = ConcurrentHashMap.newKeySet();
    private volatile Throwable transactionFailure;

    /** @param transacted tells whether the session works in a transaction now */
    SessionSends(TernConnection connection, long sessionId, BooleanSupplier transacted) {
        this.connection = connection;
        this.sessionId = sessionId;
        this.transacted = transacted;
        this.window = new SendWindow(connection.options().sendWindow());
        this.callbacks = new AsyncSends(task -> connection.listenerThreads().execute(task));
    }

    /**
     * Sends a message; returns once the broker has it if it must, see the class comment. The first send
     * of the session to each destination waits too, so that a destination the user may not send to (or
     * may not exist) is refused by that call and not later, at the commit or to the ExceptionListener.
     */
    void send(MessageRecord record) throws JMSException {
        if (connection.options().syncSends() || (record.persistent() && !transacted.getAsBoolean())
                || !reached.contains(record.destination())) {
            connection.call(requestId -> new Command.Send(requestId, sessionId, record),
                    "Sending to " + record.destination());
            if (reached.size() >= MAX_REACHED) {
                reached.clear();
            }
            reached.add(record.destination());
            return;
        }
        CompletableFuture<Event> answer = sendInWindow(record);
        answer.whenComplete((event, failure) -> {
            if (failure != null) {
                unansweredSendFailed(record, unwrap(failure));
            }
        });
    }

    /** Sends without waiting; the listener runs once the broker has the message, in send order. */
    void sendAsync(MessageRecord record, Message message, CompletionListener listener) throws JMSException {
        callbacks.add(sendInWindow(record), message, listener);
    }

    /** True on the thread running a completion callback of this session. */
    boolean isCallbackThread() {
        return callbacks.isCallbackThread();
    }

    /**
     * Waits until the broker has answered every send and every completion callback has run.
     *
     * @throws JMSException if that takes longer than {@code jms.requestTimeout}
     */
    void awaitAll() throws JMSException {
        long timeout = connection.options().requestTimeoutMillis();
        window.awaitEmpty(timeout);
        callbacks.awaitAll(timeout);
    }

    /** The failure of a send of the current transaction that did not wait, if any; clears it. */
    Throwable takeTransactionFailure() {
        Throwable failure = transactionFailure;
        transactionFailure = null;
        return failure;
    }

    private CompletableFuture<Event> sendInWindow(MessageRecord record) throws JMSException {
        window.enter(connection.options().requestTimeoutMillis());
        CompletableFuture<Event> answer = connection.request(requestId -> new Command.Send(requestId, sessionId, record));
        window.leaveWhenAnswered(answer);
        return answer;
    }

    private void unansweredSendFailed(MessageRecord record, Throwable failure) {
        if (transacted.getAsBoolean()) {
            if (transactionFailure == null) {
                transactionFailure = failure;
            }
            return;
        }
        JMSException reported = failure instanceof ProviderException provider
                ? JmsExceptions.from(provider)
                : JmsExceptions.withCause(new JMSException("A send failed: " + failure), failure);
        connection.reportAsynchronousFailure("A non-persistent send to " + record.destination() + " failed", reported);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
