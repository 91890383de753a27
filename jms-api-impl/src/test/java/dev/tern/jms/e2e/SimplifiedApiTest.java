package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SimplifiedApiTest {

    private TestBroker broker;
    private JMSContext context;
    private Queue queue;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        broker = new TestBroker(transport);
        context = broker.factory.createContext();
        queue = context.createQueue("simple");
    }

    @AfterEach
    void stop() throws JMSException {
        context.close();
        broker.close();
    }

    @TransportTest
    void sendsEveryBodyKindAndReceivesItsBody() {
        JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer()
                .send(queue, "text")
                .send(queue, new byte[] {1, 2, 3})
                .send(queue, Map.of("key", 42))
                .send(queue, new ArrayList<>(List.of("serialized")));
        assertThat(consumer.receiveBody(String.class, 1000)).isEqualTo("text");
        assertThat(consumer.receiveBody(byte[].class, 1000)).containsExactly(1, 2, 3);
        assertThat(consumer.receiveBody(Map.class, 1000)).containsEntry("key", 42);
        assertThat(consumer.receiveBody(ArrayList.class, 1000)).containsExactly("serialized");
        assertThat(consumer.receiveBodyNoWait(String.class)).isNull();
    }

    @TransportTest
    void producerHeadersAndPropertiesApplyToEveryMessage() throws JMSException {
        Queue replies = context.createQueue("replies");
        context.createProducer()
                .setProperty("region", "eu")
                .setProperty("attempt", 3)
                .setJMSCorrelationID("corr-1")
                .setJMSType("order")
                .setJMSReplyTo(replies)
                .setPriority(7)
                .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                .send(queue, "hello");
        Message message = context.createConsumer(queue).receive(1000);
        assertThat(message.getStringProperty("region")).isEqualTo("eu");
        assertThat(message.getIntProperty("attempt")).isEqualTo(3);
        assertThat(message.getStringProperty("attempt")).isEqualTo("3");
        assertThat(message.getJMSCorrelationID()).isEqualTo("corr-1");
        assertThat(message.getJMSType()).isEqualTo("order");
        assertThat(message.getJMSReplyTo()).isEqualTo(replies);
        assertThat(message.getJMSPriority()).isEqualTo(7);
        assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(message.getJMSDestination()).isEqualTo(queue);
    }

    @TransportTest
    void receiveBodyOfTheWrongTypeFailsAsIfTheCallHadNotHappened() throws JMSException {
        context.createProducer().send(queue, "text");
        JMSConsumer consumer = context.createConsumer(queue);
        assertThatThrownBy(() -> consumer.receiveBody(byte[].class, 1000))
                .isInstanceOf(MessageFormatRuntimeException.class);
        Message again = consumer.receive(1000);
        assertThat(again.getBody(String.class)).isEqualTo("text");
        assertThat(again.getJMSRedelivered()).as("not a redelivery").isFalse();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @TransportTest
    void contextsCreatedFromAContextShareItsConnection() {
        try (JMSContext second = context.createContext(JMSContext.SESSION_TRANSACTED)) {
            second.createProducer().send(queue, "in a transaction");
            JMSConsumer consumer = context.createConsumer(queue);
            assertThat(consumer.receiveBody(String.class, 200)).isNull();
            second.commit();
            assertThat(consumer.receiveBody(String.class, 1000)).isEqualTo("in a transaction");
        }
        assertThat(context.createProducer()).as("the first context stays usable").isNotNull();
    }

    @TransportTest
    void transactedContextRollsBackReceives() {
        context.createProducer().send(queue, "once");
        try (JMSContext tx = broker.factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            JMSConsumer consumer = tx.createConsumer(queue);
            assertThat(consumer.receiveBody(String.class, 1000)).isEqualTo("once");
            tx.rollback();
            Message again = consumer.receive(1000);
            assertThat(again).isNotNull();
            tx.commit();
        }
        assertThat(context.createConsumer(queue).receiveNoWait()).isNull();
    }

    @TransportTest
    void clientAcknowledgeContextAcknowledgesConsumedMessages() {
        context.createProducer().send(queue, "a").send(queue, "b");
        try (JMSContext client = broker.factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            JMSConsumer consumer = client.createConsumer(queue);
            assertThat(consumer.receiveBody(String.class, 1000)).isEqualTo("a");
            client.acknowledge();
        }
        assertThat(context.createConsumer(queue).receiveBody(String.class, 1000)).isEqualTo("b");
    }

    @TransportTest
    void autoStartDeliversToListenersWithoutStart() throws InterruptedException {
        CountDownLatch received = new CountDownLatch(1);
        context.createConsumer(queue).setMessageListener(m -> received.countDown());
        context.createProducer().send(queue, "x");
        assertThat(received.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @TransportTest
    void autoStartOffWaitsForStart() {
        try (JMSContext manual = broker.factory.createContext()) {
            manual.setAutoStart(false);
            JMSConsumer consumer = manual.createConsumer(queue);
            context.createProducer().send(queue, "x");
            assertThat(consumer.receiveNoWait()).isNull();
            manual.start();
            assertThat(consumer.receiveBody(String.class, 1000)).isEqualTo("x");
        }
    }

    @TransportTest
    void durableAndSharedConsumersWorkThroughTheContext() {
        try (JMSContext subscriber = broker.factory.createContext()) {
            subscriber.setClientID("ctx-client");
            var topic = subscriber.createTopic("ctx-topic");
            JMSConsumer durable = subscriber.createDurableConsumer(topic, "durable");
            JMSConsumer shared = subscriber.createSharedConsumer(topic, "shared");
            context.createProducer().send(topic, "published");
            assertThat(durable.receiveBody(String.class, 1000)).isEqualTo("published");
            assertThat(shared.receiveBody(String.class, 1000)).isEqualTo("published");
            durable.close();
            subscriber.unsubscribe("durable");
        }
    }

    @TransportTest
    void closedContextRaisesIllegalStateRuntimeException() {
        JMSContext closed = broker.factory.createContext();
        closed.close();
        assertThatThrownBy(() -> closed.createQueue("q")).isInstanceOf(IllegalStateRuntimeException.class);
        assertThatThrownBy(() -> closed.createProducer()).isInstanceOf(IllegalStateRuntimeException.class);
    }
}
