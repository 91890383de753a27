package dev.tern.amqp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A transaction declared on the coordinator: a TRANSACTED broker session for its sends, and the deliveries
 * its acknowledgments accepted, by the link that sent them. Those deliveries are acknowledged by the same
 * broker commit as the sends (one store unit), and fail (count one more delivery attempt) when it rolls back.
 */
final class AmqpTransaction {

    private final long brokerSessionId;
    private final Map<OutgoingLink, List<Long>> acknowledged = new LinkedHashMap<>();

    AmqpTransaction(long brokerSessionId) {
        this.brokerSessionId = brokerSessionId;
    }

    long brokerSessionId() {
        return brokerSessionId;
    }

    void acknowledged(OutgoingLink link, long deliveryId) {
        acknowledged.computeIfAbsent(link, any -> new ArrayList<>()).add(deliveryId);
    }

    /** The deliveries the transaction acknowledged, for the broker commit that acknowledges them. */
    List<Long> acknowledgedDeliveries() {
        List<Long> all = new ArrayList<>();
        acknowledged.values().forEach(all::addAll);
        return all;
    }

    /**
     * Tells the links the transaction ended: committed, its acknowledgments were part of the commit; rolled
     * back, they fail.
     */
    void finish(boolean committed) {
        acknowledged.forEach((link, ids) -> link.transactionDone(ids, committed));
        acknowledged.clear();
    }
}
