package dev.tern.stomp;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One SUBSCRIBE: a consumer in a session of its own, its ack mode, its window of credit, and the
 * deliveries written to the client and not yet acknowledged (client modes), oldest first.
 */
final class Subscription {

    /** The {@code ack} header of SUBSCRIBE. */
    enum AckMode {
        AUTO, CLIENT, CLIENT_INDIVIDUAL;

        static AckMode parse(String header) throws StompException {
            if (header == null) {
                return AUTO;
            }
            return switch (header.trim().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "client" -> CLIENT;
                case "client-individual" -> CLIENT_INDIVIDUAL;
                default -> throw new StompException("The ack header must be auto, client or client-individual, was '"
                        + header + "'.");
            };
        }
    }

    private static final int MAX_REMEMBERED_REVOKED = 1_000;

    final String id;
    final long sessionId;
    final long consumerId;
    final AckMode ackMode;
    private final Map<Long, String> unacked = new LinkedHashMap<>();
    /** Deliveries the broker took back (visibility timeout), so that a late ACK of one is not an error. */
    private final Set<Long> revoked = new LinkedHashSet<>();
    private boolean open = true;

    Subscription(String id, long sessionId, long consumerId, AckMode ackMode) {
        this.id = id;
        this.sessionId = sessionId;
        this.consumerId = consumerId;
        this.ackMode = ackMode;
    }

    /** False once UNSUBSCRIBE or the connection's end closed it: it takes no more credit, its deliveries went back. */
    boolean isOpen() {
        return open;
    }

    void close() {
        open = false;
    }

    /** Remembers a delivery written to the client, until it acknowledges it. */
    void written(long deliveryId, String messageId) {
        unacked.put(deliveryId, messageId);
    }

    boolean holds(long deliveryId) {
        return unacked.containsKey(deliveryId);
    }

    /** The unacknowledged delivery of this message ID, the oldest if it was delivered twice; null if none. */
    Long deliveryOf(String messageId) {
        for (Map.Entry<Long, String> entry : unacked.entrySet()) {
            if (entry.getValue().equals(messageId)) {
                return entry.getKey();
            }
        }
        return null;
    }

    /**
     * Takes the deliveries an ACK or NACK of {@code deliveryId} settles: in client mode that one and every
     * earlier one, in client-individual mode that one only.
     */
    List<Long> settle(long deliveryId) {
        List<Long> settled = new ArrayList<>();
        if (ackMode != AckMode.CLIENT) {
            if (unacked.remove(deliveryId) != null) {
                settled.add(deliveryId);
            }
            return settled;
        }
        for (Iterator<Long> it = unacked.keySet().iterator(); it.hasNext(); ) {
            long held = it.next();
            settled.add(held);
            it.remove();
            if (held == deliveryId) {
                break;
            }
        }
        return settled;
    }

    /** Forgets a delivery the broker took back, remembering the latest few so that a late ACK is quietly ignored. */
    boolean revoked(long deliveryId) {
        if (unacked.remove(deliveryId) == null) {
            return false;
        }
        revoked.add(deliveryId);
        if (revoked.size() > MAX_REMEMBERED_REVOKED) {
            revoked.remove(revoked.iterator().next());
        }
        return true;
    }

    /** True if the broker took this delivery back and the client has not ACKed or NACKed it since. */
    boolean forgetRevoked(long deliveryId) {
        return revoked.remove(deliveryId);
    }

    /** Every delivery still unacknowledged, oldest first. */
    List<Long> unacknowledged() {
        return new ArrayList<>(unacked.keySet());
    }
}
