package dev.tern.jms.crash.soak;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.List;

/**
 * Sends persistent messages outside a transaction, without a duplicate ID, to the soak's destinations in
 * turn, each numbered with this producer's ID and the next number: a send that returns was stored by the
 * broker; one that fails is in doubt and is not sent again (its number is skipped).
 */
final class SoakProducer extends ReconnectingClient {

    private static final String BODY = "x".repeat(200);

    private final int producerId;
    private final SoakLedger ledger;
    private long nextSeq;

    SoakProducer(List<String> urls, int producerId, SoakLedger ledger) {
        super(urls, "soak-producer-" + producerId);
        this.producerId = producerId;
        this.ledger = ledger;
    }

    @Override
    void work(Connection connection) throws JMSException {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        SoakDestination[] destinations = SoakDestination.values();
        while (!stopping()) {
            SoakId id = new SoakId(producerId, nextSeq++);
            SoakDestination destination = destinations[(int) (id.seq() % destinations.length)];
            Destination to = destination.in(session);
            Message message = session.createTextMessage(BODY);
            id.stamp(message);
            ledger.sending(id, destination);
            try {
                producer.send(to, message);
            } catch (JMSException e) {
                ledger.sendFailed(id);
                throw e;
            }
            ledger.sent(id);
        }
    }

    @Override
    void linkLost() {
        // A send in flight was recorded as failed where it threw.
    }
}
