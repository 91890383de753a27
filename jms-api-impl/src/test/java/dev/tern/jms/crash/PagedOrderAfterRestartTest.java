package dev.tern.jms.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queue restarted with hundreds of messages on disk, which then receives more: a consumer gets them all in the
 * order they were sent. Page-ins used to run side by side (two dispatches of one queue at once), and a later batch
 * read first was delivered first.
 */
class PagedOrderAfterRestartTest {

    private static final int BEFORE_RESTART = 600;
    private static final int AFTER_RESTART = 900;

    @TempDir
    Path dataDir;

    @RepeatedTest(3)
    void messagesRestoredFromDiskAndSentAfterwardsArriveInSendOrder() throws Exception {
        Broker broker = start();
        send(broker.tcpPort(), 0, BEFORE_RESTART);
        broker.close();

        broker = start();
        try {
            send(broker.tcpPort(), BEFORE_RESTART, BEFORE_RESTART + AFTER_RESTART);
            List<Integer> received = receiveAll(broker.tcpPort());
            assertThat(received).hasSize(BEFORE_RESTART + AFTER_RESTART).isSorted();
        } finally {
            broker.close();
        }
    }

    private Broker start() {
        return Broker.start(BrokerConfig.named("paged-order").withDataDir(dataDir).withTcpPort(0));
    }

    private static void send(int port, int from, int to) throws Exception {
        try (Connection connection = new TernConnectionFactory("tcp://127.0.0.1:" + port).createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("orders"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = from; i < to; i++) {
                Message message = session.createTextMessage("order " + i);
                message.setIntProperty("seq", i);
                producer.send(message);
            }
        }
    }

    private static List<Integer> receiveAll(int port) throws Exception {
        List<Integer> received = new ArrayList<>();
        try (Connection connection = new TernConnectionFactory("tcp://127.0.0.1:" + port).createConnection()) {
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));
            connection.start();
            Message message;
            while ((message = consumer.receive(2000)) != null) {
                received.add(message.getIntProperty("seq"));
            }
            session.commit();
        }
        return received;
    }
}
