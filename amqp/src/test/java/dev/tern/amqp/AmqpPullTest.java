package dev.tern.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With no prefetch Qpid JMS pulls with drain: receiveNoWait and receive(timeout) must end with or without a message. */
class AmqpPullTest extends AmqpBrokerSupport {

    @BeforeEach
    void start() {
        startBroker();
    }

    @Test
    void receiveNoWaitWithoutPrefetchGetsWhatIsWaitingAndNullOtherwise() throws Exception {
        try (Connection connection = qpid("jms.prefetchPolicy.all=0").createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("pulled");
            MessageConsumer consumer = session.createConsumer(queue);
            assertThat(consumer.receiveNoWait()).isNull();
            session.createProducer(queue).send(session.createTextMessage("one"));
            session.createProducer(queue).send(session.createTextMessage("two"));
            assertThat(((TextMessage) consumer.receiveNoWait()).getText()).isEqualTo("one");
            assertThat(((TextMessage) consumer.receiveNoWait()).getText()).isEqualTo("two");
            assertThat(consumer.receiveNoWait()).isNull();
        }
        assertThat(broker.messageCount("pulled")).hasValue(0);
    }

    @Test
    void receiveWithTimeoutWithoutPrefetchReturnsNullInTimeAndLeavesLaterMessagesQueued() throws Exception {
        try (Connection connection = qpid("jms.prefetchPolicy.all=0").createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("timed");
            MessageConsumer consumer = session.createConsumer(queue);
            long started = System.nanoTime();
            assertThat(consumer.receive(300)).isNull();
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
            session.createProducer(queue).send(session.createTextMessage("later"));
            assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("later");
            session.createProducer(queue).send(session.createTextMessage("stays"));
            consumer.close();
        }
        assertThat(broker.messageCount("timed")).hasValue(1);
    }

    @Test
    void aLargeMessageCrossesInManyFramesBothWays() throws Exception {
        byte[] body = new byte[1024 * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("large");
            var message = session.createBytesMessage();
            message.writeBytes(body);
            session.createProducer(queue).send(message);
            var received = (jakarta.jms.BytesMessage) session.createConsumer(queue).receive(10_000);
            assertThat(received).isNotNull();
            byte[] copy = new byte[(int) received.getBodyLength()];
            received.readBytes(copy);
            assertThat(copy).isEqualTo(body);
        }
    }

    @Test
    void manyMessagesThroughASmallPrefetchArriveOnceEachInOrder() throws Exception {
        int count = 2_000;
        try (Connection connection = qpid("jms.prefetchPolicy.all=10").createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("stream");
            MessageConsumer consumer = session.createConsumer(queue);
            var producer = session.createProducer(queue);
            producer.setDeliveryMode(jakarta.jms.DeliveryMode.NON_PERSISTENT);
            for (int i = 0; i < count; i++) {
                producer.send(session.createTextMessage(Integer.toString(i)));
            }
            for (int i = 0; i < count; i++) {
                TextMessage message = (TextMessage) consumer.receive(5_000);
                assertThat(message).as("message %d", i).isNotNull();
                assertThat(message.getText()).isEqualTo(Integer.toString(i));
            }
            assertThat(consumer.receive(200)).isNull();
        }
        assertThat(broker.messageCount("stream")).hasValue(0);
    }

    @Test
    void aStoppedConnectionHoldsItsListenerBackUntilStarted() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("paused");
            java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
            session.createConsumer(queue).setMessageListener(message -> heard.incrementAndGet());
            connection.start();
            Session producing = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var producer = producing.createProducer(queue);
            for (int i = 0; i < 5; i++) {
                producer.send(producing.createTextMessage("before"));
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> heard.get() == 5);
            connection.stop();
            for (int i = 0; i < 5; i++) {
                producer.send(producing.createTextMessage("while stopped"));
            }
            org.awaitility.Awaitility.await().pollDelay(java.time.Duration.ofMillis(300))
                    .atMost(java.time.Duration.ofSeconds(5)).until(() -> true);
            assertThat(heard.get()).isEqualTo(5);
            connection.start();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> heard.get() == 10);
        }
        assertThat(broker.messageCount("paused")).hasValue(0);
    }
}
