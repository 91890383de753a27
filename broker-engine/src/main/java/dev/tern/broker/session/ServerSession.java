package dev.tern.broker.session;

import dev.tern.broker.BrokerException;
import dev.tern.broker.core.DispatchResult;
import dev.tern.broker.core.Journal;
import dev.tern.broker.core.Journal.RoutedMessage;
import dev.tern.broker.core.MessageFilter;
import dev.tern.broker.core.MessageQueue;
import dev.tern.broker.core.MessageRef;
import dev.tern.broker.core.Redelivery;
import dev.tern.broker.core.ServerMessage;
import dev.tern.broker.xa.XaBranch;
import dev.tern.broker.xa.XaException;
import dev.tern.broker.xa.XaTransactions;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.BranchId;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import dev.tern.protocol.MessageRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.transaction.xa.XAException;

/**
 * The broker's side of one JMS session: its consumers, the deliveries it holds unacknowledged, and
 * its local transaction.
 *
 * <p>Locking: commands run with the session's monitor held (a JMS session is used by one thread at a
 * time, so this lock is uncontended). Deliveries are made by queue dispatchers under a separate
 * delivery lock that guards credit, the in-flight map and the push to the client; nothing that holds
 * the delivery lock takes a queue lock. Because every delivery and the {@link Event.SessionRecovered}
 * answer are pushed under that lock, the client sees them in the order the broker decided them.
 */
final class ServerSession {

    private final long id;
    private final AckMode ackMode;
    private final ServerConnection connection;
    private final Journal journal;
    private final Redelivery redelivery;
    private final Object deliveryLock = new Object();
    private final Map<Long, Delivery> inFlight = new LinkedHashMap<>();
    private final Map<Long, ServerConsumer> consumers = new ConcurrentHashMap<>();
    private final List<ServerMessage> transactedSends = new ArrayList<>();
    private final SendGate sendGate;
    /** True while held deliveries are on their way back to their queues; guarded by the delivery lock. */
    private boolean paused;
    private boolean closed;
    /** The XA branch this session works in, between its XaStart and XaEnd; null otherwise. */
    private XaBranch xaBranch;
    private XaTransactions xaTransactions;

    ServerSession(long id, AckMode ackMode, ServerConnection connection, Journal journal, SendGate sendGate,
            Redelivery redelivery) {
        this.id = id;
        this.ackMode = ackMode;
        this.connection = connection;
        this.journal = journal;
        this.redelivery = redelivery;
        this.sendGate = sendGate;
    }

    long id() {
        return id;
    }

    /**
     * Opens a consumer on its queue or subscription; the future completes once that queue is stored
     * ({@link MessageQueue#stored()}).
     *
     * @throws BrokerException ILLEGAL_STATE if the session has an open consumer with that ID
     */
    synchronized CompletableFuture<Void> createConsumer(long consumerId, ConsumerSpec spec, int credit) {
        checkOpen();
        if (consumers.containsKey(consumerId)) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "Consumer " + consumerId + " already exists on session "
                    + id + "; each open consumer needs an ID of its own.");
        }
        if (credit < 0) {
            throw new BrokerException(ErrorCode.INVALID_ARGUMENT, "Consumer credit must not be negative, was " + credit);
        }
        MessageFilter selected = MessageFilter.of(spec.selector());
        // A topic subscription's queue already holds only the messages its selector picks.
        MessageFilter filter = spec.destination().type().isQueue() ? selected : MessageFilter.ACCEPT_ALL;
        ServerConsumer consumer = new ServerConsumer(consumerId, this, credit, filter, spec.exclusive());
        consumer.attachedTo(connection.attach(spec, consumer));
        consumers.put(consumerId, consumer);
        return consumer.queue().stored();
    }

    /** Closes a consumer; its deliveries not listed as kept go back to the queue as never delivered. */
    synchronized void closeConsumer(long consumerId, Collection<Long> kept) {
        ServerConsumer consumer = consumers.remove(consumerId);
        if (consumer == null) {
            return;
        }
        List<Delivery> unconsumed = new ArrayList<>();
        synchronized (deliveryLock) {
            consumer.markClosed();
            Set<Long> keep = new HashSet<>(kept);
            for (Iterator<Delivery> it = inFlight.values().iterator(); it.hasNext(); ) {
                Delivery delivery = it.next();
                if (delivery.consumer() == consumer && !keep.contains(delivery.deliveryId())) {
                    unconsumed.add(delivery);
                    it.remove();
                }
            }
        }
        returnToQueues(unconsumed, Set.of(), "closed");
        connection.detach(consumer.queue(), consumer);
    }

    /**
     * Sends a message, or adds it to the transaction, once the destination has room for it (see
     * {@link SendGate}). The client waits for each send's answer before it commits, so a held send is
     * never overtaken by the commit of its transaction.
     */
    synchronized CompletableFuture<Void> send(MessageRecord record) {
        checkOpen();
        ServerMessage message = connection.newMessage(record);
        RoutedMessage routed = connection.route(message);
        XaBranch branch = xaBranch;
        if (branch != null) {
            return sendGate.pass(routed.targets(), () -> {
                try {
                    branch.addSend(routed);
                } catch (XaException e) {
                    throw new BrokerException(ErrorCode.ILLEGAL_STATE, e.getMessage());
                }
                return CompletableFuture.completedFuture(null);
            });
        }
        if (ackMode == AckMode.TRANSACTED) {
            return sendGate.pass(routed.targets(), () -> addToTransaction(message));
        }
        return sendGate.pass(routed.targets(), () -> journal.commit(List.of(routed), List.of()));
    }

    private synchronized CompletableFuture<Void> addToTransaction(ServerMessage message) {
        checkOpen();
        transactedSends.add(message);
        return CompletableFuture.completedFuture(null);
    }

    /** Acknowledges deliveries; those of CLIENT mode are synced before the answer, as the client waits for it. */
    synchronized CompletableFuture<Void> acknowledge(Collection<Long> deliveryIds) {
        checkOpen();
        return journal.acknowledge(takeDeliveries(deliveryIds), ackMode == AckMode.CLIENT);
    }

    synchronized CompletableFuture<Void> commit(Collection<Long> consumed) {
        checkOpen();
        if (ackMode != AckMode.TRANSACTED) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "Commit needs a transacted session.");
        }
        List<RoutedMessage> sends = new ArrayList<>(transactedSends.size());
        try {
            for (ServerMessage message : transactedSends) {
                sends.add(connection.route(message));
            }
        } catch (BrokerException e) {
            rollback(consumed);
            throw new BrokerException(ErrorCode.TRANSACTION_ROLLED_BACK,
                    "The transaction was rolled back: " + e.getMessage());
        }
        transactedSends.clear();
        return journal.commit(sends, connection.takeDeliveries(this, consumed));
    }

    /**
     * Rolls back sends, if transacted, and returns every delivery the session holds; the client is told
     * with {@link Event.SessionRecovered} once they are back (so a redelivery delay counts from before the
     * answer) and before delivery resumes, so that later deliveries follow it.
     */
    synchronized void recover(long requestId, Collection<Long> consumed) {
        checkOpen();
        returnEverythingHeld(consumed, () -> {
            consumers.values().forEach(ServerConsumer::resetCredit);
            connection.push(new Event.SessionRecovered(requestId, id));
        });
    }

    /**
     * Returns some held deliveries to their queues unacknowledged (see {@link Command.Release}); the failed
     * ones count one more delivery attempt. The consumers' credit is not given back.
     */
    synchronized void release(Collection<Long> deliveryIds, boolean failed) {
        checkOpen();
        List<Delivery> released = new ArrayList<>(deliveryIds.size());
        synchronized (deliveryLock) {
            for (Long deliveryId : deliveryIds) {
                Delivery delivery = inFlight.remove(deliveryId);
                if (delivery != null) {
                    released.add(delivery);
                }
            }
        }
        returnToQueues(released, failed ? Set.copyOf(deliveryIds) : Set.of(), failed ? "rejected" : "released");
    }

    /**
     * Grants a consumer one credit and dispatches its queue at once, so that a waiting message is pushed
     * before the command is answered.
     */
    synchronized void pull(long consumerId) {
        checkOpen();
        ServerConsumer consumer = consumers.get(consumerId);
        if (consumer == null) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "Consumer " + consumerId + " is closed.");
        }
        synchronized (deliveryLock) {
            consumer.addCredit(1);
        }
        consumer.queue().dispatchNow();
    }

    synchronized void grantCredit(long consumerId, int credit) {
        ServerConsumer consumer = consumers.get(consumerId);
        if (consumer == null) {
            return;
        }
        synchronized (deliveryLock) {
            consumer.addCredit(credit);
        }
        consumer.queue().scheduleDispatch();
    }

    /** Starts working in an XA branch: the session's sends, and what it consumes until {@link #xaEnd}, are the branch's. */
    synchronized void xaStart(XaTransactions transactions, BranchId branch, int flags, int timeoutSeconds) {
        checkOpen();
        if (xaBranch != null) {
            throw new XaException(XAException.XAER_PROTO, "The session works in branch " + xaBranch.id()
                    + " already; end it first.");
        }
        xaBranch = transactions.start(branch, flags, timeoutSeconds, this);
        xaTransactions = transactions;
    }

    /** Ends this session's work in its XA branch; the deliveries it consumed there become the branch's. */
    synchronized void xaEnd(BranchId branch, int flags, Collection<Long> consumed) {
        if (xaBranch == null || !xaBranch.id().equals(branch)) {
            throw new XaException(XAException.XAER_PROTO, "The session does not work in branch " + branch + ".");
        }
        XaBranch ended = xaBranch;
        xaBranch = null;
        xaTransactions.end(ended, this, flags, takeDeliveries(consumed));
    }

    /**
     * Closes the session: consumers stop, the transaction rolls back, every delivery returns, and only
     * then do the consumers leave their queues, so that a consumer taking over an exclusive queue or a
     * message group starts with the oldest of what this session held.
     */
    synchronized void close(Collection<Long> consumed) {
        if (closed) {
            return;
        }
        synchronized (deliveryLock) {
            consumers.values().forEach(ServerConsumer::markClosed);
        }
        closed = true;
        sendGate.close();
        if (xaBranch != null) {
            xaTransactions.sessionClosed(xaBranch, this);
            xaBranch = null;
        }
        rollback(consumed);
        for (ServerConsumer consumer : List.copyOf(consumers.values())) {
            consumers.remove(consumer.id());
            connection.detach(consumer.queue(), consumer);
        }
    }

    /** The connection started delivery: its consumers' queues may dispatch to them again. */
    void deliveryStarted() {
        consumers.values().forEach(consumer -> consumer.queue().scheduleDispatch());
    }

    /**
     * The connection stopped delivery (its flag is already down): after this session's delivery lock no
     * delivery follows. Deliveries not kept go back to their queues as never delivered, each giving its
     * consumer one credit back for the buffer slot it frees.
     */
    synchronized void deliveryStopped(Set<Long> kept) {
        List<Delivery> unconsumed = new ArrayList<>();
        synchronized (deliveryLock) {
            for (Iterator<Delivery> it = inFlight.values().iterator(); it.hasNext(); ) {
                Delivery delivery = it.next();
                if (!kept.contains(delivery.deliveryId())) {
                    unconsumed.add(delivery);
                    delivery.consumer().addCredit(1);
                    it.remove();
                }
            }
        }
        returnToQueues(unconsumed, Set.of(), "returned by a stopped connection");
    }

    /** Called by a queue's dispatcher with the queue locked. */
    DispatchResult deliver(ServerConsumer consumer, MessageRef ref) {
        synchronized (deliveryLock) {
            if (paused || !connection.isDeliveryStarted() || !consumer.takeCredit()) {
                return DispatchResult.BUSY;
            }
            long deliveryId = connection.nextDeliveryId();
            inFlight.put(deliveryId, new Delivery(deliveryId, consumer, ref));
            // Watched before the push, so the timeout starts no later than the client can have the message.
            // The task holds the ID only, so an acknowledged message is not kept in memory until the timeout.
            redelivery.watchVisibility(ref, () -> visibilityTimedOut(deliveryId));
            connection.push(new Event.Deliver(consumer.id(), deliveryId, ref.deliveryCount() + 1,
                    ref.message().record()));
            return DispatchResult.HANDLED;
        }
    }

    /**
     * Takes back a delivery still unacknowledged when its queue's visibility timeout ran out, counting it
     * once as delivered (the broker cannot tell whether the application has it or it waits in the client's
     * buffer), so that another consumer gets it if one can take it. The client is told, so that it drops
     * a copy it has not handed out; the session's later acknowledgment of it does nothing.
     */
    private void visibilityTimedOut(long deliveryId) {
        Delivery delivery;
        synchronized (deliveryLock) {
            delivery = inFlight.remove(deliveryId);
            if (delivery == null) {
                return; // acknowledged or returned meanwhile; delivery IDs are never reused
            }
            connection.push(new Event.DeliveryRevoked(delivery.consumer().id(), deliveryId));
        }
        delivery.ref().timedOutAt(delivery.consumer());
        returnToQueues(List.of(delivery), Set.of(delivery.deliveryId()), "timed out (visibilityTimeoutMillis)");
    }

    private void rollback(Collection<Long> consumed) {
        returnEverythingHeld(consumed, () -> { });
    }

    /**
     * Drops the transaction's sends and returns every held delivery to its queue. Delivery to this
     * session pauses until they are back, so that what it receives next starts with the oldest of them
     * rather than with a message dispatched in between.
     *
     * @param onceReturned runs under the delivery lock once the deliveries are back in their queues (their
     *                     redelivery delays counted from now), before any new delivery
     */
    private void returnEverythingHeld(Collection<Long> consumed, Runnable onceReturned) {
        List<Delivery> held;
        synchronized (deliveryLock) {
            held = takeAllInFlight();
            paused = true;
        }
        transactedSends.clear();
        try {
            returnToQueues(held, new HashSet<>(consumed), "recovered or rolled back");
            synchronized (deliveryLock) {
                onceReturned.run();
            }
        } finally {
            synchronized (deliveryLock) {
                paused = false;
            }
            consumers.values().forEach(consumer -> consumer.queue().scheduleDispatch());
        }
    }

    private List<MessageRef> takeDeliveries(Collection<Long> deliveryIds) {
        List<MessageRef> refs = new ArrayList<>(deliveryIds.size());
        takeDeliveries(new ArrayList<>(deliveryIds), refs);
        return refs;
    }

    /**
     * Takes the deliveries with these IDs that this session holds, adding their references to {@code refs}
     * and removing their IDs from {@code deliveryIds}. Only the delivery lock is taken, a leaf lock, so any
     * session of the connection may call it while holding its own command monitor.
     */
    void takeDeliveries(Collection<Long> deliveryIds, List<MessageRef> refs) {
        synchronized (deliveryLock) {
            for (Iterator<Long> it = deliveryIds.iterator(); it.hasNext(); ) {
                Delivery delivery = inFlight.remove(it.next());
                if (delivery != null) {
                    refs.add(delivery.ref());
                    it.remove();
                }
            }
        }
    }

    private List<Delivery> takeAllInFlight() {
        List<Delivery> held = new ArrayList<>(inFlight.values());
        inFlight.clear();
        return held;
    }

    /**
     * Puts deliveries back on their queues. Those the application saw count one more delivery, wait
     * their redelivery delay, or go to the dead-letter queue when out of delivery attempts.
     */
    private void returnToQueues(List<Delivery> deliveries, Set<Long> consumed, String how) {
        Set<MessageRef> consumedRefs = Collections.newSetFromMap(new IdentityHashMap<>());
        List<MessageRef> refs = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            refs.add(delivery.ref());
            if (consumed.contains(delivery.deliveryId())) {
                consumedRefs.add(delivery.ref());
            }
        }
        redelivery.returnToQueues(refs, consumedRefs::contains, how);
    }

    private void checkOpen() {
        if (closed) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "The session is closed.");
        }
    }
}
