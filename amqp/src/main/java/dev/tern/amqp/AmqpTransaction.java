package dev.tern.amqp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A transaction declared on the coordinator: a TRANSACTED broker session for its sends, and the deliveries
 * its acknowledgments accepted, by the link that sent them. Those deliveries are acknowledged on their
 * links' sessions when the sends commit, and fail (count one more delivery attempt) when it rolls back.
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

    /** Acknowledges (committed) or fails (rolled back) what the transaction acknowledged. */
    void finish(boolean committed) {
        acknowledged.forEach((link, ids) -> link.transactionDone(ids, committed));
        acknowledged.clear();
    }
}
