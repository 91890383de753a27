package dev.tern.protocol;

import java.util.List;

/**
 * A frame from client to broker. Every command carries a request ID, positive and unique within its
 * connection; the broker answers each one with exactly one {@link Event.Ok}, {@link Event.Failed},
 * {@link Event.SessionRecovered}, {@link Event.Browsed}, {@link Event.Statistics}, {@link Event.Counted} or
 * {@link Event.Policies} carrying the same ID. {@link GrantCredit} alone is not answered, nor is a command
 * sent with the request ID {@link #UNANSWERED} (a client's AUTO acknowledgment, which nobody waits for).
 *
 * <p>Session, consumer and delivery IDs are chosen by the client (sessions, consumers) or the broker
 * (deliveries) and are unique within one connection.
 */
public sealed interface Command {

    /**
     * The request ID of a command whose sender waits for no answer: the broker executes it as any other
     * and answers nothing, failures included (it logs those), saving a frame and a wake-up per command.
     */
    long UNANSWERED = 0;

    long requestId();

    /** First command of a connection. */
    record OpenConnection(long requestId, String clientId, String user, String password) implements Command {
    }

    /** Sets the client ID of a connection that has none yet. */
    record SetClientId(long requestId, String clientId) implements Command {
    }

    record CreateSession(long requestId, long sessionId, AckMode ackMode) implements Command {
    }

    /**
     * Closes a session. Its transaction rolls back and every delivery it holds returns to its queue;
     * deliveries listed as consumed count as delivered once more.
     */
    record CloseSession(long requestId, long sessionId, List<Long> consumed) implements Command {
    }

    /**
     * Creates a consumer that the broker may send up to {@code credit} messages before more credit; a
     * credit of 0 makes a consumer that pulls, sent nothing until it grants credit.
     */
    record CreateConsumer(long requestId, long sessionId, long consumerId, ConsumerSpec spec, int credit)
            implements Command {
    }

    /**
     * Closes a consumer. Deliveries listed in {@code kept} were consumed and stay with the session
     * until it acknowledges, commits, recovers or rolls back; the consumer's other deliveries return to
     * their queue without counting as delivered.
     */
    record CloseConsumer(long requestId, long sessionId, long consumerId, List<Long> kept) implements Command {
    }

    /** Sends a message; in a transacted session it becomes visible when the session commits. */
    record Send(long requestId, long sessionId, MessageRecord message) implements Command {
    }

    /** Acknowledges deliveries, removing them for good. */
    record Acknowledge(long requestId, long sessionId, List<Long> deliveryIds) implements Command {
    }

    /**
     * Commits the session's sends and acknowledges the consumed deliveries, atomically. The consumed
     * deliveries may be held by any session of the connection, as AMQP and STOMP transactions acknowledge
     * messages received on other sessions.
     */
    record Commit(long requestId, long sessionId, List<Long> consumed) implements Command {
    }

    /**
     * Discards the session's sends, if transacted, and returns every delivery the session holds to its
     * queue; those listed as consumed count as delivered once more. Answered by
     * {@link Event.SessionRecovered}, after which the broker sends no delivery made before it.
     */
    record Recover(long requestId, long sessionId, List<Long> consumed) implements Command {
    }

    /**
     * Returns some of the session's deliveries to their queues without acknowledging them, as AMQP's
     * released, modified and rejected outcomes and STOMP's NACK do. When {@code failed}, each counts as one
     * more delivery attempt (its redelivery delay, then the dead-letter queue at the delivery limit);
     * otherwise each goes back as if never delivered. Credit is not given back. IDs the session no longer
     * holds are ignored. Answered by {@link Event.Ok}.
     */
    record Release(long requestId, long sessionId, List<Long> deliveryIds, boolean failed) implements Command {
    }

    /**
     * Lets the broker send {@code credit} more messages to a consumer, or, when negative, takes back
     * credit not yet used (never below zero). Not answered.
     */
    record GrantCredit(long requestId, long sessionId, long consumerId, int credit) implements Command {
    }

    /**
     * For a consumer that pulls: grants it one credit and answers once the broker has pushed it a
     * message, if one was waiting. The client takes the credit back with a negative {@link GrantCredit}
     * if it stops waiting before a message arrives.
     */
    record Pull(long requestId, long sessionId, long consumerId) implements Command {
    }

    /**
     * Asks for the messages waiting on a queue, without consuming them; answered by
     * {@link Event.Browsed}. A limit of 0 only checks the queue and selector.
     */
    record Browse(long requestId, DestinationName queue, String selector, int limit) implements Command {
    }

    /** Deletes a durable subscription of this connection's client ID. */
    record Unsubscribe(long requestId, String subscriptionName) implements Command {
    }

    /** Creates a temporary queue or topic owned by this connection. */
    record CreateTemporaryDestination(long requestId, DestinationName destination) implements Command {
    }

    /** Deletes a temporary destination; refused while it has consumers. */
    record DeleteTemporaryDestination(long requestId, DestinationName destination) implements Command {
    }

    /** An administration command: asks for the client connections open now; answered by {@link Event.Connections}. */
    record ListConnections(long requestId) implements Command {
    }

    /** Asks for the counters of every queue; answered by {@link Event.Statistics}. */
    record QueryStatistics(long requestId) implements Command {
    }

    /**
     * An administration command: moves the messages waiting on a dead-letter (or expiry) queue that the
     * selector picks back to the queues they came from; answered by {@link Event.Counted}.
     *
     * @param selector a JMS selector, or null for every message
     */
    record RetryDeadLetters(long requestId, String queue, String selector) implements Command {
    }

    /**
     * An administration command on one queue: pause, resume, remove or move waiting messages. Answered by
     * {@link Event.Counted}: how many messages were removed or moved, or 0 for a pause or a resume. Messages
     * delivered and not yet acknowledged are left alone.
     *
     * @param selector which waiting messages to remove or move, or null for all; unused by pause and resume
     * @param target the queue {@link QueueAction#MOVE} moves to; null for the other actions
     */
    record ManageQueue(long requestId, String queue, QueueAction action, String selector, String target)
            implements Command {
    }

    /**
     * An administration command: writes a consistent copy of the broker's journal into a new zip file at a
     * path of the broker's machine, while the broker serves; answered by {@link Event.Ok} once written.
     */
    record Backup(long requestId, String path) implements Command {
    }

    /**
     * An administration command: changes one destination policy setting of the running broker until it
     * stops; answered by {@link Event.Ok}.
     */
    record SetPolicy(long requestId, String pattern, String setting, String value) implements Command {
    }

    /** An administration command: asks for the destination policies; answered by {@link Event.Policies}. */
    record ListPolicies(long requestId) implements Command {
    }

    /**
     * Lets the broker deliver to the connection's consumers. A connection starts stopped: until this
     * command, and again after {@link StopDelivery}, its consumers are given no messages, which stay on
     * their queues for other consumers.
     */
    record StartDelivery(long requestId) implements Command {
    }

    /**
     * Stops delivery to the connection's consumers, as {@code Connection.stop()} asks. Deliveries the
     * connection holds that are not listed as consumed go back to their queues without counting as
     * delivered, each giving its consumer one credit back; those listed stay with their sessions until
     * acknowledged, committed, recovered or rolled back. Answered by {@link Event.Ok} once no further
     * delivery can follow, so the client drops what it buffered when the answer arrives.
     */
    record StopDelivery(long requestId, List<Long> consumed) implements Command {
    }

    /** Closes the connection; everything it holds is released as by {@link CloseSession}. */
    record CloseConnection(long requestId) implements Command {
    }

    /** The commands of XA transactions; answered with {@link Event.XaAnswer} or {@link Event.XaBranches}. */
    sealed interface Xa extends Command {
    }

    /**
     * Associates the session with an XA branch ({@code XAResource.start}): its sends and the deliveries it
     * consumes until the matching {@link XaEnd} belong to the branch.
     *
     * @param flags {@code TMNOFLAGS} for a new branch, {@code TMJOIN} or {@code TMRESUME} for one that exists
     * @param timeoutSeconds how long the branch may stay undecided before the broker rolls it back; 0 for
     *     the broker's default
     */
    record XaStart(long requestId, long sessionId, BranchId branch, int flags, int timeoutSeconds) implements Xa {
    }

    /**
     * Ends the session's association with an XA branch ({@code XAResource.end}).
     *
     * @param flags {@code TMSUCCESS}, {@code TMSUSPEND} or {@code TMFAIL} (the branch may then only roll back)
     * @param consumed deliveries the application was handed during the association, which become the branch's
     */
    record XaEnd(long requestId, long sessionId, BranchId branch, int flags, List<Long> consumed) implements Xa {
    }

    /** Prepares an XA branch; answered with an {@link Event.XaAnswer} of XA_OK, XA_RDONLY or an error. */
    record XaPrepare(long requestId, BranchId branch) implements Xa {
    }

    /** Commits an XA branch, in one phase (not prepared) or in the second phase (prepared). */
    record XaCommit(long requestId, BranchId branch, boolean onePhase) implements Xa {
    }

    /** Rolls an XA branch back. */
    record XaRollback(long requestId, BranchId branch) implements Xa {
    }

    /** Forgets an XA branch decided heuristically. */
    record XaForget(long requestId, BranchId branch) implements Xa {
    }

    /**
     * An operator's heuristic decision about a prepared XA branch whose transaction manager does not come
     * back ({@code tern xa commit|rollback}); the manager later learns it as XA_HEURCOM or XA_HEURRB.
     */
    record XaDecide(long requestId, BranchId branch, boolean commit) implements Xa {
    }

    /** Lists the prepared XA branches; answered with {@link Event.XaBranches}. */
    record XaRecover(long requestId) implements Xa {
    }
}
