package dev.tern.jms.crash.soak;

import dev.tern.jms.TernConnection;
import dev.tern.jms.TernConnectionFactory;
import dev.tern.protocol.QueueStatistics;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

/**
 * The final consumer of the soak, once the clients stopped after the last restart: receives what is left on
 * each destination in a transacted session, committing as it goes, and records it in the ledger like the
 * soak's own consumers.
 */
final class SoakDrain {

    private static final int COMMIT_EVERY = 100;
    private static final long QUIET_MILLIS = 1_000;

    private final TernConnectionFactory factory;
    private final SoakLedger ledger;

    SoakDrain(String url, SoakLedger ledger) {
        this.factory = new TernConnectionFactory(url);
        this.ledger = ledger;
    }

    /** Receives from every destination until none is handed for {@value #QUIET_MILLIS} ms. */
    void drainAll() throws JMSException {
        for (SoakDestination destination : SoakDestination.values()) {
            drain(destination);
        }
    }

    /** Messages waiting on the soak's queues and subscription; call it when no consumer is attached. */
    long waiting() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            long waiting = 0;
            for (QueueStatistics queue : ((TernConnection) connection).queueStatistics()) {
                if (queue.address().startsWith("soak.")) {
                    waiting += queue.messageCount();
                }
            }
            return waiting;
        }
    }

    private void drain(SoakDestination destination) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            if (destination.isTopic()) {
                connection.setClientID(SoakDestination.CLIENT_ID);
            }
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            MessageConsumer consumer = destination.consumerOn(session);
            connection.start();
            int held = 0;
            Message message;
            while ((message = consumer.receive(QUIET_MILLIS)) != null) {
                ledger.received(destination, SoakId.of(message), message.getJMSRedelivered());
                if (++held == COMMIT_EVERY) {
                    commit(session, destination);
                    held = 0;
                }
            }
            commit(session, destination);
        }
    }

    private void commit(Session session, SoakDestination destination) throws JMSException {
        session.commit();
        ledger.settled(destination, Settlement.COMMITTED);
    }
}
