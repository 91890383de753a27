package dev.tern.stomp;

import dev.tern.protocol.Command;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The credit of one connection's subscriptions. A subscription may hold as many messages as its window
 * ({@code activemq.prefetchSize}). With {@code ack:auto} a message's credit comes back once its frame is
 * written to the socket (and the message is acknowledged then), so a client that reads slowly slows its
 * subscription instead of filling the broker's memory; with the client modes it comes back when the client
 * ACKs or NACKs. Credit earned while the socket is not writable (Netty's high water mark) is held back until
 * it is. Used on the channel's event loop only.
 */
final class SubscriptionCredit {

    private final Channel channel;
    private final BrokerRequests requests;
    private final BooleanSupplier connected;
    private final Map<Subscription, List<Long>> writtenAutoAcks = new LinkedHashMap<>();
    /** Credit earned while the socket was not writable, granted once it is. */
    private final Map<Subscription, Integer> deferred = new LinkedHashMap<>();
    private boolean autoAckFlushScheduled;

    /**
     * @param connected whether the connection is connected and not disconnecting: only then are written
     *     {@code ack:auto} messages acknowledged, and deferred credit granted
     */
    SubscriptionCredit(Channel channel, BrokerRequests requests, BooleanSupplier connected) {
        this.channel = channel;
        this.requests = requests;
        this.connected = connected;
    }

    /** An ack:auto message is on the socket: acknowledge it and give its credit back, batched per turn of the loop. */
    void autoAcknowledge(Subscription subscription, long deliveryId) {
        if (!connected.getAsBoolean() || !subscription.isOpen()) {
            return;
        }
        writtenAutoAcks.computeIfAbsent(subscription, s -> new ArrayList<>()).add(deliveryId);
        if (!autoAckFlushScheduled) {
            autoAckFlushScheduled = true;
            channel.eventLoop().execute(this::flushAutoAcks);
        }
    }

    private void flushAutoAcks() {
        autoAckFlushScheduled = false;
        if (!connected.getAsBoolean()) {
            return;
        }
        writtenAutoAcks.forEach((subscription, ids) -> {
            requests.optional(id -> new Command.Acknowledge(id, subscription.sessionId, ids));
            grant(subscription, ids.size());
        });
        writtenAutoAcks.clear();
    }

    /** Gives a subscription credit back, or, while the socket cannot take more, keeps it until it can. */
    void grant(Subscription subscription, int credit) {
        if (credit <= 0 || !subscription.isOpen()) {
            return;
        }
        if (!channel.isWritable()) {
            deferred.merge(subscription, credit, Integer::sum);
            return;
        }
        requests.tell(id -> new Command.GrantCredit(id, subscription.sessionId, subscription.consumerId, credit));
    }

    /** The socket's writability changed: grants the credit held back while it was not writable. */
    void writabilityChanged() {
        if (channel.isWritable() && connected.getAsBoolean() && !deferred.isEmpty()) {
            Map<Subscription, Integer> due = new LinkedHashMap<>(deferred);
            deferred.clear();
            due.forEach(this::grant);
        }
    }

    /** Drops what is pending for a closed subscription. */
    void forget(Subscription subscription) {
        writtenAutoAcks.remove(subscription);
        deferred.remove(subscription);
    }

    void clear() {
        writtenAutoAcks.clear();
        deferred.clear();
    }
}
