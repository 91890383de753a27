package dev.tern.amqp;

import dev.tern.protocol.AckMode;
import dev.tern.protocol.Command;
import dev.tern.protocol.Event;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.transaction.Declare;
import org.apache.qpid.proton.amqp.transaction.Declared;
import org.apache.qpid.proton.amqp.transaction.Discharge;
import org.apache.qpid.proton.amqp.transaction.TransactionErrors;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction coordinator link: a Declare opens a TRANSACTED broker session whose ID stands behind the
 * transaction ID; a Discharge commits it (then acknowledges what the transaction accepted) or rolls it back
 * (closing the session discards the sends; what it accepted fails back to its queues).
 */
final class TransactionCoordinator implements LinkHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionCoordinator.class);
    private static final Symbol LOCAL_TRANSACTIONS = Symbol.valueOf("amqp:local-transactions");

    private final AmqpConnection connection;
    private final Receiver receiver;
    /** The transactions declared here and not yet discharged. */
    private final Set<Binary> open = new LinkedHashSet<>();

    TransactionCoordinator(AmqpConnection connection, Receiver receiver) {
        this.connection = connection;
        this.receiver = receiver;
    }

    void attach() {
        receiver.setSource(receiver.getRemoteSource());
        receiver.setTarget(receiver.getRemoteTarget());
        receiver.setOfferedCapabilities(new Symbol[] {LOCAL_TRANSACTIONS});
        receiver.open();
        receiver.flow(IncomingLink.CREDIT_WINDOW);
    }

    @Override
    public void delivery(Delivery delivery) {
        if (!delivery.isReadable() || delivery.isPartial() || delivery.getContext() != null) {
            return;
        }
        byte[] bytes = new byte[delivery.pending()];
        int read = receiver.recv(bytes, 0, bytes.length);
        receiver.advance();
        delivery.setContext(Boolean.TRUE);
        Object body;
        try {
            Message message = Proton.message();
            message.decode(bytes, 0, Math.max(0, read));
            body = message.getBody() instanceof AmqpValue value ? value.getValue() : null;
        } catch (RuntimeException e) {
            reject(delivery, new ErrorCondition(AmqpError.DECODE_ERROR, "Cannot decode the coordinator message: " + e));
            return;
        }
        if (body instanceof Declare) {
            declare(delivery);
        } else if (body instanceof Discharge discharge) {
            discharge(delivery, discharge);
        } else {
            reject(delivery, new ErrorCondition(AmqpError.NOT_IMPLEMENTED, "The coordinator takes Declare and Discharge only."));
        }
    }

    private void declare(Delivery delivery) {
        AmqpTransaction transaction = new AmqpTransaction(connection.nextSessionId());
        connection.request(id -> new Command.CreateSession(id, transaction.brokerSessionId(), AckMode.TRANSACTED), answer -> {
            if (answer instanceof Event.Failed failed) {
                reject(delivery, AmqpErrors.of(failed.code(), failed.message()));
            } else {
                Declared declared = new Declared();
                Binary txnId = connection.newTransaction(transaction);
                open.add(txnId);
                declared.setTxnId(txnId);
                delivery.disposition(declared);
                delivery.settle();
            }
            receiver.flow(1);
        });
    }

    private void discharge(Delivery delivery, Discharge discharge) {
        Binary txnId = discharge.getTxnId();
        AmqpTransaction transaction = connection.removeTransaction(txnId);
        open.remove(txnId);
        if (transaction == null) {
            reject(delivery, new ErrorCondition(TransactionErrors.UNKNOWN_ID, "No transaction " + txnId + " on this connection."));
            receiver.flow(1);
            return;
        }
        long sessionId = transaction.brokerSessionId();
        if (Boolean.TRUE.equals(discharge.getFail())) {
            transaction.finish(false);
            connection.request(id -> new Command.CloseSession(id, sessionId, List.of()), answer -> {
                accept(delivery);
                receiver.flow(1);
            });
            return;
        }
        List<Long> acknowledged = transaction.acknowledgedDeliveries();
        connection.request(id -> new Command.Commit(id, sessionId, acknowledged), answer -> {
            boolean committed = !(answer instanceof Event.Failed);
            transaction.finish(committed);
            connection.request(id -> new Command.CloseSession(id, sessionId, List.of()));
            if (committed) {
                accept(delivery);
            } else {
                Event.Failed failed = (Event.Failed) answer;
                LOG.info("AMQP transaction {} rolled back: {}", txnId, failed.message());
                reject(delivery, new ErrorCondition(TransactionErrors.TRANSACTION_ROLLBACK, failed.message()));
            }
            receiver.flow(1);
        });
    }

    private static void accept(Delivery delivery) {
        delivery.disposition(Accepted.getInstance());
        delivery.settle();
    }

    private static void reject(Delivery delivery, ErrorCondition error) {
        Rejected rejected = new Rejected();
        rejected.setError(error);
        delivery.disposition(rejected);
        delivery.settle();
    }

    /** The coordinator went away: its undischarged transactions roll back. */
    @Override
    public void detached(boolean closed, boolean sessionEnded) {
        for (Binary txnId : open) {
            AmqpTransaction transaction = connection.removeTransaction(txnId);
            if (transaction != null) {
                transaction.finish(false);
                connection.request(id -> new Command.CloseSession(id, transaction.brokerSessionId(), List.of()));
            }
        }
        open.clear();
        LinkHandler.answerDetach(receiver, closed, sessionEnded);
    }
}
