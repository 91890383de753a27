package dev.tern.amqp;

import dev.tern.amqp.message.AmqpAddresses;
import dev.tern.amqp.message.AmqpMappingException;
import dev.tern.amqp.message.AmqpMessageMapping;
import dev.tern.protocol.Command;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.Event;
import dev.tern.protocol.MessageLimits;
import dev.tern.protocol.MessageRecord;
import java.util.UUID;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transaction.TransactionErrors;
import org.apache.qpid.proton.amqp.transaction.TransactionalState;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.amqp.transport.LinkError;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Receiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A link on which the client sends (a producer): each transfer becomes a broker Send. Unsettled transfers
 * are settled with the broker's outcome (accepted once the broker has taken the message, rejected with the
 * reason otherwise); pre-settled ones are sent at most once. Credit is given back as the broker answers,
 * so a client cannot run ahead of the broker by more than {@value #CREDIT_WINDOW} messages, nor by much
 * more than {@value #MAX_UNANSWERED_BYTES} bytes.
 */
final class IncomingLink implements LinkHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IncomingLink.class);
    static final int CREDIT_WINDOW = 200;
    /** Bytes of messages sent to the broker and not answered yet above which credit is withheld. */
    static final long MAX_UNANSWERED_BYTES = 32L * 1024 * 1024;
    private static final Object TOO_LARGE = new Object();
    private static final Object READ = new Object();

    private final AmqpConnection connection;
    private final AmqpSession session;
    private final Receiver receiver;
    private final long maxMessageBytes;
    /** The destination of every message, or null for an anonymous relay (each message's {@code to}). */
    private DestinationName destination;
    private DestinationName temporary;
    private boolean open;
    private long unansweredBytes;
    private int withheldCredit;

    IncomingLink(AmqpConnection connection, AmqpSession session, Receiver receiver) {
        this.connection = connection;
        this.session = session;
        this.receiver = receiver;
        MessageLimits limits = connection.settings().messageLimits();
        this.maxMessageBytes = (long) limits.maxBodySize() + limits.maxHeaderSize();
    }

    void attach() {
        Target target = receiver.getRemoteTarget() instanceof Target t ? t : null;
        receiver.setSource(receiver.getRemoteSource());
        receiver.setMaxMessageSize(UnsignedLong.valueOf(maxMessageBytes));
        if (target == null) {
            // No target at all, as rhea's plain open_sender() attaches: an anonymous relay, each message's
            // `to` names its destination.
            receiver.setTarget(new Target());
            opened();
            return;
        }
        if (target.getDynamic()) {
            DestinationType type = Terminus.TEMPORARY_TOPIC.equals(first(target.getCapabilities()))
                    || Terminus.typeHint(target.getCapabilities()) == DestinationType.TEMPORARY_TOPIC
                    ? DestinationType.TEMPORARY_TOPIC : DestinationType.TEMPORARY_QUEUE;
            DestinationName created = new DestinationName(type, DestinationName.TEMPORARY_PREFIX + "amqp-" + UUID.randomUUID());
            connection.request(id -> new Command.CreateTemporaryDestination(id, created), answer -> {
                if (answer instanceof Event.Failed failed) {
                    refuse(AmqpErrors.of(failed.code(), failed.message()));
                } else {
                    temporary = created;
                    destination = created;
                    Target local = new Target();
                    local.setAddress(AmqpAddresses.toAddress(created));
                    local.setDynamic(true);
                    local.setCapabilities(target.getCapabilities());
                    local.setDurable(target.getDurable());
                    local.setExpiryPolicy(target.getExpiryPolicy());
                    local.setDynamicNodeProperties(target.getDynamicNodeProperties());
                    receiver.setTarget(local);
                    opened();
                }
            });
            return;
        }
        if (target.getAddress() != null) {
            try {
                destination = AmqpAddresses.fromAddress(target.getAddress(), Terminus.typeHint(target.getCapabilities()));
            } catch (AmqpMappingException e) {
                refuse(new ErrorCondition(Symbol.valueOf(e.condition()), e.getMessage()));
                return;
            }
        }
        receiver.setTarget(target);
        opened();
    }

    private static Symbol first(Symbol[] symbols) {
        return symbols == null || symbols.length == 0 ? null : symbols[0];
    }

    private void opened() {
        open = true;
        receiver.open();
        receiver.flow(CREDIT_WINDOW);
    }

    private void refuse(ErrorCondition condition) {
        receiver.setTarget(null);
        receiver.open();
        receiver.setCondition(condition);
        receiver.close();
        receiver.setContext(null);
        session.remove(this);
    }

    @Override
    public void delivery(Delivery delivery) {
        if (delivery.getContext() == READ || (delivery.getContext() == null && !delivery.isReadable())) {
            return;
        }
        if (delivery.isAborted()) {
            drop(delivery);
            receiver.advance();
            delivery.setContext(READ);
            delivery.settle();
            receiver.flow(1);
            return;
        }
        if (delivery.getContext() == TOO_LARGE || delivery.pending() > maxMessageBytes) {
            delivery.setContext(TOO_LARGE);
            drop(delivery);
            if (!delivery.isPartial()) {
                receiver.advance();
                delivery.setContext(READ);
                reject(delivery, null, new ErrorCondition(LinkError.MESSAGE_SIZE_EXCEEDED,
                        "The message exceeds this broker's limit of " + maxMessageBytes + " bytes."));
                receiver.flow(1);
            }
            return;
        }
        if (delivery.isPartial()) {
            return;
        }
        byte[] bytes = new byte[delivery.pending()];
        int read = receiver.recv(bytes, 0, bytes.length);
        receiver.advance();
        delivery.setContext(READ);
        boolean presettled = delivery.remotelySettled();
        DeliveryState state = delivery.getRemoteState();
        TransactionalState transactional = state instanceof TransactionalState ts ? ts : null;
        AmqpTransaction transaction = null;
        if (transactional != null) {
            transaction = connection.transaction(transactional.getTxnId());
            if (transaction == null) {
                reject(delivery, transactional, new ErrorCondition(TransactionErrors.UNKNOWN_ID,
                        "No transaction " + transactional.getTxnId() + " on this connection."));
                receiver.flow(1);
                return;
            }
        }
        MessageRecord record;
        try {
            record = AmqpMessageMapping.toRecord(bytes, 0, Math.max(read, 0), destination,
                    () -> "ID:AMQP-" + UUID.randomUUID(), System.currentTimeMillis());
        } catch (AmqpMappingException e) {
            reject(delivery, transactional, new ErrorCondition(Symbol.valueOf(e.condition()), e.getMessage()));
            receiver.flow(1);
            return;
        }
        String beyondLimits = beyondLimits(record);
        if (beyondLimits != null) {
            reject(delivery, transactional, new ErrorCondition(AmqpError.RESOURCE_LIMIT_EXCEEDED, beyondLimits));
            receiver.flow(1);
            return;
        }
        long sessionId = transaction == null ? session.brokerSessionId() : transaction.brokerSessionId();
        int size = bytes.length;
        unansweredBytes += size;
        connection.request(id -> new Command.Send(id, sessionId, record), answer -> {
            unansweredBytes -= size;
            if (answer instanceof Event.Failed failed) {
                if (presettled) {
                    LOG.info("A pre-settled message to {} was refused: {}", record.destination(), failed.message());
                } else {
                    reject(delivery, transactional, AmqpErrors.of(failed.code(), failed.message()));
                }
            } else if (!presettled && !delivery.isSettled()) {
                if (transactional != null) {
                    TransactionalState outcome = new TransactionalState();
                    outcome.setTxnId(transactional.getTxnId());
                    outcome.setOutcome(Accepted.getInstance());
                    delivery.disposition(outcome);
                } else {
                    delivery.disposition(Accepted.getInstance());
                }
                delivery.settle();
            }
            giveCreditBack();
        });
        if (presettled) {
            delivery.settle();
        }
    }

    /**
     * Gives back the credit of an answered message, unless the messages the broker has not answered yet
     * hold more than {@value #MAX_UNANSWERED_BYTES} bytes; then it waits for further answers.
     */
    private void giveCreditBack() {
        withheldCredit++;
        if (!open || receiver.getLocalState() != EndpointState.ACTIVE) {
            return;
        }
        if (unansweredBytes < MAX_UNANSWERED_BYTES) {
            receiver.flow(withheldCredit);
            withheldCredit = 0;
        }
    }

    /** Why a converted message exceeds the port's message limits, named by the broker's settings; null if it does not. */
    private String beyondLimits(MessageRecord record) {
        MessageLimits limits = connection.settings().messageLimits();
        int properties = record.properties() == null ? 0 : record.properties().size();
        if (properties > limits.maxProperties()) {
            return "The message has " + properties + " properties, more than this broker's maxMessageProperties of "
                    + limits.maxProperties() + ".";
        }
        int body = record.body() == null ? 0 : record.body().length;
        if (body > limits.maxBodySize()) {
            return "The message's body of " + body + " bytes exceeds this broker's maxMessageBodySize of "
                    + limits.maxBodySize() + " bytes.";
        }
        return null;
    }

    private void drop(Delivery delivery) {
        int pending = delivery.pending();
        if (pending > 0) {
            byte[] scratch = new byte[Math.min(pending, 64 * 1024)];
            while (receiver.recv(scratch, 0, scratch.length) > 0) {
                // discard
            }
        }
    }

    private static void reject(Delivery delivery, TransactionalState transactional, ErrorCondition error) {
        if (delivery.isSettled()) {
            return;
        }
        Rejected rejected = new Rejected();
        rejected.setError(error);
        if (transactional != null) {
            TransactionalState outcome = new TransactionalState();
            outcome.setTxnId(transactional.getTxnId());
            outcome.setOutcome(rejected);
            delivery.disposition(outcome);
        } else {
            delivery.disposition(rejected);
        }
        delivery.settle();
    }

    @Override
    public void detached(boolean closed, boolean sessionEnded) {
        open = false;
        if (temporary != null) {
            DestinationName gone = temporary;
            temporary = null;
            connection.request(id -> new Command.DeleteTemporaryDestination(id, gone));
        }
        LinkHandler.answerDetach(receiver, closed, sessionEnded);
    }
}
