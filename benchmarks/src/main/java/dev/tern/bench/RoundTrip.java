package dev.tern.bench;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/** One message sent and received back on a new connection: the proof that a broker just started works. */
final class RoundTrip {

    private RoundTrip() {
    }

    /**
     * Sends "ping" to the queue and receives it back.
     *
     * @throws IllegalStateException if it does not come back within 30 s
     */
    static void once(ConnectionFactory factory, String queueName, int deliveryMode) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue(queueName);
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(deliveryMode);
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            producer.send(session.createTextMessage("ping"));
            TextMessage reply = (TextMessage) consumer.receive(30_000);
            if (reply == null || !"ping".equals(reply.getText())) {
                throw new IllegalStateException("the round trip did not come back");
            }
        }
    }
}
