package dev.tern.stomp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One BEGIN ... COMMIT or ABORT: the transacted session its SENDs go to (opened on the first SEND), and
 * the ACKs and NACKs made in it, applied at COMMIT (the ACKs by the same broker commit as the SENDs). At ABORT the sends are dropped, and the messages
 * acknowledged or rejected in it go back to their queues as a failed delivery attempt, as a JMS rollback
 * returns what a session consumed.
 */
final class StompTransaction {

    /** An ACK (or NACK) of some deliveries of a subscription, waiting for COMMIT. */
    record Settlement(Subscription subscription, List<Long> deliveryIds, boolean ack) {
    }

    private final String id;
    private final List<Settlement> settlements = new ArrayList<>();
    private long session;

    StompTransaction(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** The transaction's session, opened with {@code open} on first use. */
    long sessionId(LongSupplier open) {
        if (session == 0) {
            session = open.getAsLong();
        }
        return session;
    }

    boolean hasSession() {
        return session != 0;
    }

    long session() {
        return session;
    }

    void settled(Subscription subscription, List<Long> deliveryIds, boolean ack) {
        if (!deliveryIds.isEmpty()) {
            settlements.add(new Settlement(subscription, deliveryIds, ack));
        }
    }

    List<Settlement> settlements() {
        return settlements;
    }

    /** The deliveries ACKed in the transaction, of subscriptions still open; the commit acknowledges them. */
    List<Long> acknowledgedDeliveries() {
        List<Long> ids = new ArrayList<>();
        for (Settlement settlement : settlements) {
            if (settlement.ack() && settlement.subscription().isOpen()) {
                ids.addAll(settlement.deliveryIds());
            }
        }
        return ids;
    }
}
