package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ReceiveBodyTest {

    private TestBroker broker;

    @AfterEach
    void tearDown() throws JMSException {
        broker.close();
    }

    /**
     * JMSConsumer.receiveBody javadoc (JMS 2.0 / Jakarta Messaging 3.1): in AUTO_ACKNOWLEDGE or
     * DUPS_OK_ACKNOWLEDGE, after a MessageFormatRuntimeException "the JMS provider will behave as if the
     * unsuccessful call to receiveBody had not occurred ... This is not considered to be redelivery and
     * does not cause the JMSRedelivered message header field to be set or the JMSXDeliveryCount message
     * property to be incremented." Tern recovers the delivery as consumed, so it comes back redelivered.
     */
    @TransportTest
    void failedReceiveBodyInAutoModeIsNotARedelivery(Transport transport) throws Exception {
        broker = new TestBroker(transport);
        try (JMSContext context = broker.factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Queue queue = context.createQueue("q");
            context.createProducer().send(queue, "text");
            JMSConsumer consumer = context.createConsumer(queue);
            assertThatThrownBy(() -> consumer.receiveBody(byte[].class, 2000))
                    .isInstanceOf(MessageFormatRuntimeException.class);
            Message again = consumer.receive(2000);
            assertThat(again).isNotNull();
            assertThat(again.getJMSRedelivered()).isFalse();
            assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        }
    }

    /**
     * In CLIENT_ACKNOWLEDGE a failed receiveBody counts as delivered, but Tern never gives the consumer's
     * credit back for it: with jms.prefetch=1 the consumer then starves and the next message never arrives.
     */
    @TransportTest
    void failedReceiveBodyInClientModeDoesNotStallTheConsumer(Transport transport) throws Exception {
        broker = new TestBroker(transport, "jms.prefetch=1");
        try (JMSContext context = broker.factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            Queue queue = context.createQueue("q");
            context.createProducer().send(queue, "first").send(queue, "second");
            JMSConsumer consumer = context.createConsumer(queue);
            assertThatThrownBy(() -> consumer.receiveBody(byte[].class, 2000))
                    .isInstanceOf(MessageFormatRuntimeException.class);
            assertThat(consumer.receiveBody(String.class, 3000)).isEqualTo("second");
        }
    }

    /**
     * JMSConsumer.receiveBody javadoc: the message must be a TextMessage, ObjectMessage, MapMessage or
     * BytesMessage; "if the message is not one of the supported types ... or it has no body, then a
     * MessageFormatRuntimeException is thrown". Tern returns null for a plain Message (indistinguishable
     * from "consumer closed") and consumes it silently.
     */
    @TransportTest
    void receiveBodyOfAPlainMessageThrows(Transport transport) throws Exception {
        broker = new TestBroker(transport);
        try (JMSContext context = broker.factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Queue queue = context.createQueue("q");
            context.createProducer().send(queue, context.createMessage());
            JMSConsumer consumer = context.createConsumer(queue);
            assertThatThrownBy(() -> consumer.receiveBody(String.class, 2000))
                    .isInstanceOf(MessageFormatRuntimeException.class);
        }
    }
}
