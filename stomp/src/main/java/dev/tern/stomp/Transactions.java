package dev.tern.stomp;

import dev.tern.protocol.AckMode;
import dev.tern.protocol.Command;
import io.netty.handler.codec.stomp.StompFrame;
import io.netty.handler.codec.stomp.StompHeaders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The transactions of one STOMP connection: BEGIN, COMMIT and ABORT. Each transaction's SENDs go to a
 * transacted session of its own, opened on its first SEND (or at COMMIT); its ACKs and NACKs wait for
 * COMMIT (see {@link StompTransaction}), whose broker commit acknowledges the ACKed deliveries with the
 * sends. Used on the channel's event loop only.
 */
final class Transactions {

    private final BrokerRequests requests;
    private final InOrder inOrder;
    private final Subscriptions subscriptions;
    private final Map<String, StompTransaction> open = new HashMap<>();

    Transactions(BrokerRequests requests, InOrder inOrder, Subscriptions subscriptions) {
        this.requests = requests;
        this.inOrder = inOrder;
        this.subscriptions = subscriptions;
    }

    /** The open transaction of this ID; an unknown one is refused. */
    StompTransaction get(String id) throws StompException {
        StompTransaction transaction = open.get(id);
        if (transaction == null) {
            throw new StompException("There is no transaction " + id + " on this connection.");
        }
        return transaction;
    }

    /** The transacted session of the open transaction of this ID, opened on first use. */
    long sessionOf(String id) throws StompException {
        return sessionOf(get(id));
    }

    private long sessionOf(StompTransaction transaction) {
        return transaction.sessionId(() -> {
            long session = requests.newSessionId();
            requests.required(r -> new Command.CreateSession(r, session, AckMode.TRANSACTED));
            return session;
        });
    }

    void begin(StompFrame frame) throws StompException {
        String id = FrameHeaders.required(frame.headers(), StompHeaders.TRANSACTION);
        if (open.containsKey(id)) {
            throw new StompException("Transaction " + id + " has already begun.");
        }
        open.put(id, new StompTransaction(id));
        inOrder.start(FrameHeaders.receipt(frame)).release();
    }

    /**
     * Commits the sends and the ACKed deliveries as one broker commit, a single journal unit (the RECEIPT
     * waits for it), then applies the NACKs.
     */
    void commit(StompFrame frame) throws StompException {
        StompTransaction transaction = take(frame);
        InOrder.Step step = inOrder.start(FrameHeaders.receipt(frame));
        List<Long> acknowledged = transaction.acknowledgedDeliveries();
        if (transaction.hasSession() || !acknowledged.isEmpty()) {
            long session = sessionOf(transaction);
            requests.forStep(step, frame, id -> new Command.Commit(id, session, acknowledged));
            requests.optional(id -> new Command.CloseSession(id, session, List.of()));
        }
        for (StompTransaction.Settlement settlement : transaction.settlements()) {
            if (settlement.ack()) {
                subscriptions.acknowledgedByCommit(settlement);
            } else {
                subscriptions.settleNow(settlement, step, frame);
            }
        }
        step.release();
    }

    /** Drops the sends, and returns what was ACKed or NACKed in the transaction as a failed delivery attempt. */
    void abort(StompFrame frame) throws StompException {
        StompTransaction transaction = take(frame);
        InOrder.Step step = inOrder.start(FrameHeaders.receipt(frame));
        if (transaction.hasSession()) {
            requests.forStep(step, frame, id -> new Command.CloseSession(id, transaction.session(), List.of()));
        }
        for (StompTransaction.Settlement settlement : transaction.settlements()) {
            subscriptions.settleNow(new StompTransaction.Settlement(settlement.subscription(),
                    settlement.deliveryIds(), false), step, frame);
        }
        step.release();
    }

    private StompTransaction take(StompFrame frame) throws StompException {
        StompTransaction transaction = get(FrameHeaders.required(frame.headers(), StompHeaders.TRANSACTION));
        open.remove(transaction.id());
        return transaction;
    }

    /** Forgets every transaction: the broker connection is gone, and aborted them. */
    void clear() {
        open.clear();
    }
}
