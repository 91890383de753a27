package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionRolledBackException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * Sends that return before the broker answers (non-persistent and transacted ones): their failures
 * still reach the application, and the send window holds the producer back when the broker does.
 */
@Timeout(60)
class SendWithoutWaitingTest {

    private TestBroker broker;
    private Connection connection;

    private Session open(Transport transport, String clientOptions, int mode) throws JMSException {
        broker = new TestBroker(transport, clientOptions);
        connection = broker.startedConnection();
        broker.broker().setPolicy("full", "maxMessages", "1");
        broker.broker().setPolicy("full", "fullPolicy", "FAIL");
        return connection.createSession(mode);
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    @TransportTest
    void aFailedNonPersistentSendReachesTheExceptionListener(Transport transport) throws Exception {
        Session session = open(transport, "", Session.AUTO_ACKNOWLEDGE);
        LinkedBlockingQueue<JMSException> reported = new LinkedBlockingQueue<>();
        connection.setExceptionListener(reported::add);
        MessageProducer producer = session.createProducer(session.createQueue("full"));
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);

        producer.send(session.createTextMessage("fits"));
        producer.send(session.createTextMessage("does not fit"));

        assertThat(reported.poll(10, TimeUnit.SECONDS)).isInstanceOf(ResourceAllocationException.class);
        assertThat(broker.messageCount("full")).isEqualTo(1);
    }

    @TransportTest
    void withSyncSendsANonPersistentSendFailsInTheCall(Transport transport) throws Exception {
        Session session = open(transport, "jms.syncSends=true", Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("full"));
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        producer.send(session.createTextMessage("fits"));

        assertThatThrownBy(() -> producer.send(session.createTextMessage("does not fit")))
                .isInstanceOf(ResourceAllocationException.class);
    }

    @TransportTest
    void aFailedSendInATransactionRollsItBackAtCommit(Transport transport) throws Exception {
        Session session = open(transport, "", Session.SESSION_TRANSACTED);
        Queue full = session.createQueue("full");
        MessageProducer producer = session.createProducer(null);
        producer.send(session.createQueue("other"), session.createTextMessage("in the transaction"));
        producer.send(full, session.createTextMessage("fits"));
        session.commit();
        producer.send(session.createQueue("other"), session.createTextMessage("rolled back"));
        producer.send(full, session.createTextMessage("does not fit"));

        assertThatThrownBy(session::commit).isInstanceOf(TransactionRolledBackException.class)
                .hasMessageContaining("full");

        assertThat(broker.messageCount("other")).isEqualTo(1);
        producer.send(session.createQueue("other"), session.createTextMessage("next transaction"));
        session.commit();
        MessageConsumer consumer = session.createConsumer(session.createQueue("other"));
        assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("in the transaction");
        assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("next transaction");
        session.commit();
    }

    @TransportTest
    void theSendWindowHoldsTheProducerBackWhileTheBrokerHoldsItsSends(Transport transport) throws Exception {
        Session session = open(transport, "jms.sendWindow=2", Session.AUTO_ACKNOWLEDGE);
        broker.broker().setPolicy("slow", "maxMessages", "1");
        broker.broker().setPolicy("slow", "fullPolicy", "BLOCK");
        Queue slow = session.createQueue("slow");
        MessageProducer producer = session.createProducer(slow);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        AtomicInteger returned = new AtomicInteger();

        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 5; i++) {
                try {
                    producer.send(session.createTextMessage("m" + i));
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
                returned.incrementAndGet();
            }
        });
        // m0 is stored; m1 and m2 wait at the broker and fill the window, so m3's send cannot return.
        await().atMost(Duration.ofSeconds(5)).until(() -> returned.get() == 3);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> returned.get() == 3);

        MessageConsumer consumer = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(slow);
        for (int i = 0; i < 5; i++) {
            assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("m" + i);
        }
        sending.get(10, TimeUnit.SECONDS);
    }
}
