package dev.tern.jms.crash.soak;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.List;
import java.util.Random;

/**
 * The one consumer of a soak destination, in the destination's acknowledgment mode. In AUTO_ACKNOWLEDGE each
 * message is settled as {@code receive} returns it; in CLIENT_ACKNOWLEDGE and transacted mode the consumer
 * receives batches of 1 to {@value #MAX_BATCH} messages and acknowledges or commits each, except one batch in
 * {@value #ROLLBACK_ONE_IN}, which it recovers or rolls back, so that redeliveries happen between crashes too.
 * Everything is recorded in the ledger as it happens.
 */
final class SoakConsumer extends ReconnectingClient {

    static final int MAX_BATCH = 20;
    static final int ROLLBACK_ONE_IN = 20;
    private static final long RECEIVE_TIMEOUT_MILLIS = 100;

    private final SoakDestination destination;
    private final SoakLedger ledger;
    private final Random random;

    SoakConsumer(List<String> urls, SoakDestination destination, SoakLedger ledger, long seed) {
        super(urls, "soak-consumer-" + destination.address());
        this.destination = destination;
        this.ledger = ledger;
        this.random = new Random(seed);
    }

    @Override
    void configure(Connection connection) throws JMSException {
        if (destination.isTopic()) {
            connection.setClientID(SoakDestination.CLIENT_ID);
        }
    }

    @Override
    void work(Connection connection) throws JMSException {
        Settlement settlement = destination.settlement();
        Session session = connection.createSession(settlement.sessionMode());
        MessageConsumer consumer = destination.consumerOn(session);
        while (!stopping()) {
            int batch = 1 + random.nextInt(MAX_BATCH);
            Message last = null;
            for (int i = 0; i < batch && !stopping(); i++) {
                Message message = consumer.receive(RECEIVE_TIMEOUT_MILLIS);
                if (message == null) {
                    break;
                }
                ledger.received(destination, SoakId.of(message), message.getJMSRedelivered());
                if (settlement == Settlement.HANDED_OVER) {
                    ledger.settled(destination, settlement);
                }
                last = message;
            }
            if (last != null && settlement != Settlement.HANDED_OVER) {
                settle(session, last, settlement);
            }
        }
        ledger.abandoned(destination); // closing the session gives back what it holds
    }

    private void settle(Session session, Message last, Settlement settlement) throws JMSException {
        boolean giveBack = random.nextInt(ROLLBACK_ONE_IN) == 0;
        if (settlement == Settlement.COMMITTED) {
            if (giveBack) {
                session.rollback();
            } else {
                session.commit();
            }
        } else if (giveBack) {
            session.recover();
        } else {
            last.acknowledge();
        }
        if (giveBack) {
            ledger.abandoned(destination);
        } else {
            ledger.settled(destination, settlement);
        }
    }

    @Override
    void linkLost() {
        ledger.abandoned(destination);
    }
}
