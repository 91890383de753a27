package dev.tern.amqp;

import dev.tern.amqp.message.AmqpAddresses;
import dev.tern.amqp.message.AmqpMappingException;
import dev.tern.amqp.message.AmqpMessageMapping;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.Event;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.TerminusDurability;
import org.apache.qpid.proton.amqp.messaging.TerminusExpiryPolicy;
import org.apache.qpid.proton.amqp.transaction.TransactionalState;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.SenderSettleMode;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Sender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A link on which the client receives: one broker consumer on a broker session of its own (CLIENT
 * acknowledgment), so that each outcome acknowledges or releases exactly its delivery.
 *
 * <p>Credit: the broker is granted what the link's credit leaves after the deliveries in flight; a drain
 * takes the broker's credit back, then pulls one message at a time (a {@link Command.Pull} is answered
 * after the message it found, if any, was pushed) until the link's credit is used or a pull finds nothing;
 * then the link reports itself drained. A delivery arriving when the link has no credit goes back to its
 * queue unharmed.
 */
final class OutgoingLink implements LinkHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OutgoingLink.class);

    private final AmqpConnection connection;
    private final AmqpSession session;
    private final Sender sender;
    private final long brokerSessionId;
    private final long consumerId;
    /** Deliveries sent and not settled by the client, by broker delivery ID. */
    private final Map<Long, Delivery> unsettled = new LinkedHashMap<>();
    /** Deliveries the client accepted in a transaction not yet discharged. */
    private final Set<Long> heldByTransactions = new LinkedHashSet<>();
    private boolean presettled;
    private boolean active;
    private boolean detached;
    private boolean sessionClosePending;
    private boolean unsubscribeProbe;
    private String subscriptionName;
    private boolean durable;
    private DestinationName temporary;
    /** Credit the broker still has by our count: granted minus delivered, never below zero. */
    private int brokerCredit;
    private long delivered;
    private boolean draining;

    OutgoingLink(AmqpConnection connection, AmqpSession session, Sender sender) {
        this.connection = connection;
        this.session = session;
        this.sender = sender;
        this.brokerSessionId = connection.nextSessionId();
        this.consumerId = connection.nextConsumerId();
    }

    long brokerSessionId() {
        return brokerSessionId;
    }

    void attach() {
        Source source = sender.getRemoteSource() instanceof Source s ? s : null;
        sender.setTarget(sender.getRemoteTarget());
        if (source == null) {
            attachUnsubscribeProbe();
            return;
        }
        presettled = sender.getRemoteSenderSettleMode() == SenderSettleMode.SETTLED;
        sender.setSenderSettleMode(presettled ? SenderSettleMode.SETTLED : SenderSettleMode.UNSETTLED);
        sender.setReceiverSettleMode(sender.getRemoteReceiverSettleMode());
        if (source.getDynamic()) {
            DestinationType type = Terminus.typeHint(source.getCapabilities()) == DestinationType.TEMPORARY_TOPIC
                    ? DestinationType.TEMPORARY_TOPIC : DestinationType.TEMPORARY_QUEUE;
            DestinationName created = new DestinationName(type, DestinationName.TEMPORARY_PREFIX + "amqp-" + UUID.randomUUID());
            connection.request(id -> new Command.CreateTemporaryDestination(id, created), answer -> {
                if (answer instanceof Event.Failed failed) {
                    refuse(AmqpErrors.of(failed.code(), failed.message()), false);
                } else {
                    temporary = created;
                    source.setAddress(AmqpAddresses.toAddress(created));
                    createConsumer(source, ConsumerSpec.of(created));
                }
            });
            return;
        }
        DestinationName destination;
        try {
            destination = AmqpAddresses.fromAddress(source.getAddress(), Terminus.typeHint(source.getCapabilities()));
        } catch (AmqpMappingException e) {
            refuse(new ErrorCondition(Symbol.valueOf(e.condition()), e.getMessage()), false);
            return;
        }
        String selector = Terminus.selector(source.getFilter());
        boolean noLocal = Terminus.noLocal(source.getFilter());
        ConsumerSpec spec;
        if (destination.type().isQueue()) {
            spec = new ConsumerSpec(destination, selector, false, null, false, false);
        } else {
            durable = source.getDurable() != null && source.getDurable() != TerminusDurability.NONE;
            boolean shared = AmqpConnection.contains(source.getCapabilities(), Terminus.SHARED);
            subscriptionName = durable || shared ? Terminus.subscriptionName(sender.getName()) : null;
            if (durable && !shared) {
                connection.claimContainerIdAsClientId();
            }
            spec = new ConsumerSpec(destination, selector, noLocal, subscriptionName, durable, shared);
        }
        createConsumer(source, spec);
    }

    private void createConsumer(Source source, ConsumerSpec spec) {
        // AUTO: the client settled its disposition and waits for nothing, so an acknowledgment rides on the
        // journal's next sync instead of forcing one (CLIENT mode syncs each before answering).
        connection.request(id -> new Command.CreateSession(id, brokerSessionId, AckMode.AUTO));
        connection.request(id -> new Command.CreateConsumer(id, brokerSessionId, consumerId, spec, 0), answer -> {
            if (detached) {
                closeBrokerSession();
                return;
            }
            if (answer instanceof Event.Failed failed) {
                refuse(AmqpErrors.of(failed.code(), failed.message()), true);
                return;
            }
            active = true;
            connection.registerConsumer(consumerId, this);
            sender.setSource(source);
            sender.open();
            flow();
        });
    }

    /**
     * Qpid JMS unsubscribes by attaching, with the subscription's name, a link without source, then
     * closing it; the close deletes the subscription.
     */
    private void attachUnsubscribeProbe() {
        unsubscribeProbe = true;
        subscriptionName = Terminus.subscriptionName(sender.getName());
        if (!sender.getName().endsWith("|global")) {
            connection.claimContainerIdAsClientId();
        }
        Source existing = new Source();
        existing.setDurable(TerminusDurability.UNSETTLED_STATE);
        existing.setExpiryPolicy(TerminusExpiryPolicy.NEVER);
        existing.setCapabilities(Terminus.TOPIC);
        sender.setSource(existing);
        sender.open();
    }

    private void refuse(ErrorCondition condition, boolean sessionCreated) {
        LOG.debug("AMQP link {} refused: {}", sender.getName(), condition.getDescription());
        detached = true;
        sender.setSource(null);
        sender.open();
        sender.setCondition(condition);
        sender.close();
        sender.setContext(null);
        session.remove(this);
        if (sessionCreated) {
            closeBrokerSession();
        }
        deleteTemporary();
    }

    @Override
    public void flow() {
        if (!active || detached) {
            return;
        }
        int linkCredit = sender.getCredit();
        if (sender.getDrain() && linkCredit > 0) {
            if (!draining) {
                draining = true;
                takeBackCredit();
                pull();
            }
            return;
        }
        if (draining) {
            return;
        }
        int delta = linkCredit - brokerCredit;
        if (delta != 0) {
            grant(delta);
        }
    }

    private void grant(int delta) {
        brokerCredit = Math.max(0, brokerCredit + delta);
        connection.sendUnanswered(id -> new Command.GrantCredit(id, brokerSessionId, consumerId, delta));
    }

    private void takeBackCredit() {
        if (brokerCredit > 0) {
            grant(-brokerCredit);
        }
    }

    private void pull() {
        long deliveredBefore = delivered;
        brokerCredit++;
        connection.request(id -> new Command.Pull(id, brokerSessionId, consumerId), answer -> {
            if (!active || detached) {
                return;
            }
            if (answer instanceof Event.Ok && delivered != deliveredBefore && sender.getCredit() > 0
                    && sender.getDrain()) {
                pull();
                return;
            }
            takeBackCredit();
            draining = false;
            sender.drained();
            if (sender.getCredit() > 0) {
                flow();
            }
        });
    }

    void deliver(Event.Deliver deliver) {
        brokerCredit = Math.max(0, brokerCredit - 1);
        delivered++;
        if (!active || detached || sender.getCredit() <= 0 || sender.getLocalState() != EndpointState.ACTIVE) {
            connection.request(id -> new Command.Release(id, brokerSessionId, List.of(deliver.deliveryId()), false));
            return;
        }
        byte[] encoded;
        try {
            encoded = AmqpMessageMapping.toAmqp(deliver.message(), deliver.deliveryCount());
        } catch (RuntimeException e) {
            LOG.warn("Message {} cannot be sent over AMQP; it counts as a failed delivery",
                    deliver.message().messageId(), e);
            connection.request(id -> new Command.Release(id, brokerSessionId, List.of(deliver.deliveryId()), true));
            return;
        }
        Delivery delivery = sender.delivery(ByteBuffer.allocate(Long.BYTES).putLong(deliver.deliveryId()).array());
        delivery.setMessageFormat(0);
        sender.send(encoded, 0, encoded.length);
        sender.advance();
        if (presettled) {
            delivery.settle();
            connection.request(id -> new Command.Acknowledge(id, brokerSessionId, List.of(deliver.deliveryId())));
        } else {
            delivery.setContext(deliver.deliveryId());
            unsettled.put(deliver.deliveryId(), delivery);
        }
    }

    /** The broker took a delivery back (visibility timeout): the client's outcome will no longer matter. */
    void revoked(long deliveryId) {
        Delivery delivery = unsettled.remove(deliveryId);
        if (delivery != null) {
            delivery.setContext(null);
        }
    }

    @Override
    public void delivery(Delivery delivery) {
        if (!(delivery.getContext() instanceof Long deliveryId)) {
            if (delivery.remotelySettled() && !delivery.isSettled()) {
                delivery.settle();
            }
            return;
        }
        DeliveryState state = delivery.getRemoteState();
        if (state == null && !delivery.remotelySettled()) {
            return;
        }
        unsettled.remove(deliveryId);
        delivery.setContext(null);
        if (state instanceof TransactionalState transactional) {
            AmqpTransaction transaction = connection.transaction(transactional.getTxnId());
            if (transaction != null && (transactional.getOutcome() == null
                    || transactional.getOutcome() instanceof Accepted)) {
                heldByTransactions.add(deliveryId);
                transaction.acknowledged(this, deliveryId);
                delivery.settle();
                return;
            }
            state = transactional.getOutcome() instanceof DeliveryState outcome ? outcome : null;
        }
        settle(deliveryId, state);
        delivery.settle();
    }

    private void settle(long deliveryId, DeliveryState outcome) {
        List<Long> ids = List.of(deliveryId);
        if (outcome == null || outcome instanceof Accepted) {
            connection.request(id -> new Command.Acknowledge(id, brokerSessionId, ids));
        } else if (outcome instanceof Released) {
            connection.request(id -> new Command.Release(id, brokerSessionId, ids, false));
        } else if (outcome instanceof Modified modified) {
            boolean failed = Boolean.TRUE.equals(modified.getDeliveryFailed())
                    || Boolean.TRUE.equals(modified.getUndeliverableHere());
            connection.request(id -> new Command.Release(id, brokerSessionId, ids, failed));
        } else if (outcome instanceof Rejected) {
            connection.request(id -> new Command.Release(id, brokerSessionId, ids, true));
        } else {
            LOG.debug("Unknown outcome {} for delivery {}; released", outcome, deliveryId);
            connection.request(id -> new Command.Release(id, brokerSessionId, ids, false));
        }
    }

    /** The transaction that held these deliveries was discharged: committed, they were acknowledged with it; else they fail. */
    void transactionDone(List<Long> deliveryIds, boolean committed) {
        heldByTransactions.removeAll(deliveryIds);
        if (!committed) {
            connection.request(id -> new Command.Release(id, brokerSessionId, List.copyOf(deliveryIds), true));
        }
        if (sessionClosePending && heldByTransactions.isEmpty()) {
            closeBrokerSession();
        }
    }

    @Override
    public void detached(boolean closed, boolean sessionEnded) {
        if (detached) {
            return;
        }
        detached = true;
        boolean wasActive = active;
        active = false;
        connection.unregisterConsumer(consumerId);
        if (unsubscribeProbe) {
            if (closed) {
                connection.request(id -> new Command.Unsubscribe(id, subscriptionName), answer -> {
                    if (answer instanceof Event.Failed failed) {
                        sender.setCondition(AmqpErrors.of(failed.code(), failed.message()));
                    }
                    echoDetach(true, sessionEnded);
                });
            } else {
                echoDetach(false, sessionEnded);
            }
            return;
        }
        if (wasActive) {
            List<Long> kept = new ArrayList<>(heldByTransactions);
            kept.addAll(unsettled.keySet());
            connection.request(id -> new Command.CloseConsumer(id, brokerSessionId, consumerId, List.copyOf(kept)));
            if (heldByTransactions.isEmpty()) {
                closeBrokerSession();
            } else {
                sessionClosePending = true;
            }
        }
        boolean unsubscribe = closed && durable && subscriptionName != null && !sessionEnded;
        if (unsubscribe) {
            connection.request(id -> new Command.Unsubscribe(id, subscriptionName), answer -> {
                if (answer instanceof Event.Failed failed) {
                    LOG.debug("Unsubscribing {} failed: {}", subscriptionName, failed.message());
                }
                echoDetach(true, sessionEnded);
            });
        } else {
            echoDetach(closed, sessionEnded);
        }
    }

    private void echoDetach(boolean closed, boolean sessionEnded) {
        if (sessionEnded || sender.getLocalState() == EndpointState.CLOSED) {
            return;
        }
        if (closed) {
            sender.close();
        } else {
            sender.detach();
        }
        sender.free();
    }

    /**
     * Closes this link's broker session; deliveries sent and never settled go back without counting as
     * delivered (the client settles what it handed to the application, Qpid JMS with modified/failed).
     */
    private void closeBrokerSession() {
        sessionClosePending = false;
        unsettled.values().forEach(delivery -> delivery.setContext(null));
        unsettled.clear();
        connection.request(id -> new Command.CloseSession(id, brokerSessionId, List.of()), answer -> deleteTemporary());
    }

    private void deleteTemporary() {
        if (temporary != null) {
            DestinationName gone = temporary;
            temporary = null;
            connection.request(id -> new Command.DeleteTemporaryDestination(id, gone));
        }
    }
}
