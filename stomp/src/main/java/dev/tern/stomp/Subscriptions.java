package dev.tern.stomp;

import dev.tern.protocol.AckMode;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import dev.tern.protocol.MessageRecord;
import io.netty.channel.Channel;
import io.netty.handler.codec.stomp.StompFrame;
import io.netty.handler.codec.stomp.StompHeaders;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscriptions of one STOMP connection: SUBSCRIBE and UNSUBSCRIBE, the MESSAGE frames of their
 * deliveries, and ACK and NACK. Each subscription is a consumer in a session of its own, with a window of
 * {@value #DEFAULT_WINDOW} messages unless it asks for another (see {@link SubscriptionCredit}). Used on the
 * channel's event loop only.
 */
final class Subscriptions {

    private static final int DEFAULT_WINDOW = 100;
    private static final int MAX_WINDOW = 10_000;
    private static final String[] PREFETCH_HEADERS = {"activemq.prefetchSize", "prefetch-count"};
    private static final String[] DURABLE_HEADERS = {"activemq.subscriptionName", "durable-subscription-name",
            "durable-subscriber-name"};

    private final Channel channel;
    private final BrokerRequests requests;
    private final InOrder inOrder;
    private final StompDestinations destinations;
    private final SubscriptionCredit credit;
    private final Map<String, Subscription> byId = new LinkedHashMap<>();
    private final Map<Long, Subscription> byConsumer = new HashMap<>();
    private long consumerIds;

    Subscriptions(Channel channel, BrokerRequests requests, InOrder inOrder, StompDestinations destinations,
            SubscriptionCredit credit) {
        this.channel = channel;
        this.requests = requests;
        this.inOrder = inOrder;
        this.destinations = destinations;
        this.credit = credit;
    }

    // ---- SUBSCRIBE / UNSUBSCRIBE ----

    void subscribe(StompFrame frame, String version) throws StompException {
        StompHeaders headers = frame.headers();
        String destinationText = FrameHeaders.required(headers, StompHeaders.DESTINATION);
        String id = "1.0".equals(version) && !headers.contains(StompHeaders.ID)
                ? destinationText : FrameHeaders.required(headers, StompHeaders.ID);
        if (byId.containsKey(id)) {
            throw new StompException("Subscription " + id + " already exists on this connection.");
        }
        Subscription.AckMode ackMode = Subscription.AckMode.parse(headers.getAsString(StompHeaders.ACK));
        DestinationName destination = destinations.resolve(destinationText);
        String durableName = FrameHeaders.firstOf(headers, DURABLE_HEADERS);
        boolean durable = durableName != null && !destination.type().isQueue();
        String selector = FrameHeaders.optional(headers, "selector");
        ConsumerSpec spec = new ConsumerSpec(destination, selector, false, durable ? durableName : null, durable, false);
        int window = window(headers);
        long session = requests.newSessionId();
        long consumer = ++consumerIds;
        Subscription subscription = new Subscription(id, session, consumer, ackMode);
        byId.put(id, subscription);
        byConsumer.put(consumer, subscription);
        InOrder.Step step = inOrder.start(FrameHeaders.receipt(frame));
        requests.forStep(step, frame, r -> new Command.CreateSession(r, session,
                ackMode == Subscription.AckMode.AUTO ? AckMode.AUTO : AckMode.CLIENT));
        requests.forStep(step, frame, r -> new Command.CreateConsumer(r, session, consumer, spec, window),
                failed -> failed.code() == ErrorCode.INVALID_SELECTOR
                        ? "Invalid selector '" + selector + "': " + failed.message() : failed.message());
        step.release();
    }

    private static int window(StompHeaders headers) throws StompException {
        String text = FrameHeaders.firstOf(headers, PREFETCH_HEADERS);
        if (text == null) {
            return DEFAULT_WINDOW;
        }
        try {
            return Math.max(1, Math.min(MAX_WINDOW, Integer.parseInt(text.trim())));
        } catch (NumberFormatException e) {
            throw new StompException("The prefetch header must be a number, was '" + text + "'.");
        }
    }

    void unsubscribe(StompFrame frame) throws StompException {
        StompHeaders headers = frame.headers();
        String durableName = FrameHeaders.firstOf(headers, DURABLE_HEADERS);
        String id = headers.getAsString(StompHeaders.ID);
        if (id == null) {
            id = headers.getAsString(StompHeaders.DESTINATION);
        }
        if (id == null && durableName == null) {
            throw new StompException("UNSUBSCRIBE needs an id header.");
        }
        Subscription subscription = id == null ? null : byId.remove(id);
        if (subscription == null && durableName == null) {
            throw new StompException("There is no subscription " + id + " on this connection.");
        }
        InOrder.Step step = inOrder.start(FrameHeaders.receipt(frame));
        if (subscription != null) {
            subscription.close();
            byConsumer.remove(subscription.consumerId);
            credit.forget(subscription);
            List<Long> held = subscription.unacknowledged(); // go back counted as delivered once more
            requests.forStep(step, frame, r -> new Command.CloseSession(r, subscription.sessionId, held));
        }
        if (durableName != null) {
            requests.forStep(step, frame, r -> new Command.Unsubscribe(r, durableName));
        }
        step.release();
    }

    // ---- deliveries ----

    void deliver(Event.Deliver delivery) {
        Subscription subscription = byConsumer.get(delivery.consumerId());
        if (subscription == null) {
            return; // closed: the broker takes its deliveries back
        }
        MessageRecord message = delivery.message();
        String messageId = message.messageId() != null ? message.messageId() : "ID:delivery-" + delivery.deliveryId();
        boolean auto = subscription.ackMode == Subscription.AckMode.AUTO;
        StompFrame frame = ServerFrames.message(delivery, messageId, subscription.id,
                auto ? null : Long.toString(delivery.deliveryId()), destinations::render);
        if (auto) {
            channel.writeAndFlush(frame).addListener(written -> {
                if (written.isSuccess()) {
                    credit.autoAcknowledge(subscription, delivery.deliveryId());
                }
            });
        } else {
            subscription.written(delivery.deliveryId(), messageId);
            channel.writeAndFlush(frame);
        }
    }

    /** The broker took a delivery back (visibility timeout): the client no longer holds it. */
    void revoked(Event.DeliveryRevoked revoked) {
        Subscription subscription = byConsumer.get(revoked.consumerId());
        if (subscription != null && subscription.revoked(revoked.deliveryId())) {
            credit.grant(subscription, 1);
        }
    }

    // ---- ACK / NACK ----

    /** An ACK ({@code ack} true) or NACK, applied now or, with a {@code transaction} header, at its COMMIT. */
    void settle(StompFrame frame, boolean ack, Transactions transactions) throws StompException {
        StompHeaders headers = frame.headers();
        String id = headers.getAsString(StompHeaders.ID);
        if (id == null) {
            id = headers.getAsString(StompHeaders.MESSAGE_ID);
        }
        if (id == null) {
            throw new StompException(frame.command() + " needs an id header (message-id before STOMP 1.2).");
        }
        Subscription subscription = null;
        long deliveryId = -1;
        String subscriptionId = headers.getAsString(StompHeaders.SUBSCRIPTION);
        for (Subscription candidate : byId.values()) {
            if (subscriptionId != null && !subscriptionId.equals(candidate.id)) {
                continue;
            }
            Long found = deliveryIn(candidate, id);
            if (found != null) {
                subscription = candidate;
                deliveryId = found;
                break;
            }
        }
        if (subscription == null && wasRevoked(id)) {
            inOrder.start(FrameHeaders.receipt(frame)).release();
            return; // the broker took it back (visibility timeout) and gave it to another consumer
        }
        if (subscription == null) {
            throw new StompException(frame.command() + " of " + id
                    + ", which is no unacknowledged message of this connection's subscriptions.");
        }
        List<Long> settled = subscription.settle(deliveryId);
        String transactionId = headers.getAsString(StompHeaders.TRANSACTION);
        InOrder.Step step = inOrder.start(FrameHeaders.receipt(frame));
        if (transactionId != null) {
            transactions.get(transactionId).settled(subscription, settled, ack);
        } else {
            settleNow(new StompTransaction.Settlement(subscription, settled, ack), step, frame);
        }
        step.release();
    }

    private boolean wasRevoked(String id) {
        try {
            long deliveryId = Long.parseLong(id);
            return byId.values().stream().anyMatch(candidate -> candidate.forgetRevoked(deliveryId));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Long deliveryIn(Subscription subscription, String id) {
        if (!id.startsWith("ID:")) {
            try {
                long deliveryId = Long.parseLong(id);
                return subscription.holds(deliveryId) ? deliveryId : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return subscription.deliveryOf(id);
    }

    /**
     * Acknowledges or rejects deliveries and gives their credit back; NACKed ones count a failed attempt.
     * {@code step} (of {@code frame}) waits for the broker's answer.
     */
    /** ACKed deliveries a transaction's commit acknowledged: their subscription gets its credit back. */
    void acknowledgedByCommit(StompTransaction.Settlement settlement) {
        if (settlement.subscription().isOpen()) {
            credit.grant(settlement.subscription(), settlement.deliveryIds().size());
        }
    }

    void settleNow(StompTransaction.Settlement settlement, InOrder.Step step, StompFrame frame) {
        Subscription subscription = settlement.subscription();
        if (!subscription.isOpen()) {
            return; // the subscription closed meanwhile: its deliveries went back then
        }
        List<Long> ids = settlement.deliveryIds();
        requests.forStep(step, frame, id -> settlement.ack() ? new Command.Acknowledge(id, subscription.sessionId, ids)
                : new Command.Release(id, subscription.sessionId, ids, true));
        credit.grant(subscription, ids.size());
    }

    // ---- closing ----

    /**
     * Closes the client-ack subscriptions' sessions, so that the messages the client was given and did
     * not acknowledge go back counted as delivered (redelivered:true next time), as JMS does; closing the
     * connection alone would return them as never delivered.
     */
    void returnHeldAsDelivered() {
        for (Subscription subscription : byId.values()) {
            List<Long> held = subscription.unacknowledged();
            if (!held.isEmpty()) {
                requests.tell(id -> new Command.CloseSession(id, subscription.sessionId, held));
            }
        }
    }

    /** Forgets every subscription: the broker connection is gone. */
    void clear() {
        byId.values().forEach(Subscription::close);
        byId.clear();
        byConsumer.clear();
        credit.clear();
    }
}
