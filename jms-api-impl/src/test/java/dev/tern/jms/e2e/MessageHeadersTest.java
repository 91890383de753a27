package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.Serializable;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** Headers, bodies and properties as a receiver sees them after a trip through the broker. */
@Timeout(60)
class MessageHeadersTest {

    private TestBroker broker;
    private Connection connection;
    private Session session;
    private Queue queue;
    private MessageProducer producer;
    private MessageConsumer consumer;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        broker = new TestBroker(transport);
        connection = broker.startedConnection();
        session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue("headers");
        producer = session.createProducer(queue);
        consumer = session.createConsumer(queue);
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    @TransportTest
    void everyHeaderArrivesAsSent() throws JMSException {
        Queue replyTo = session.createTemporaryQueue();
        TextMessage sent = session.createTextMessage("body");
        sent.setJMSCorrelationID("corr");
        sent.setJMSReplyTo(replyTo);
        sent.setJMSType("kind");
        long before = System.currentTimeMillis();
        producer.send(sent, DeliveryMode.PERSISTENT, 6, 60_000);
        long after = System.currentTimeMillis();

        assertThat(sent.getJMSMessageID()).startsWith("ID:");
        Message received = consumer.receive(1000);
        assertThat(received.getJMSMessageID()).isEqualTo(sent.getJMSMessageID());
        assertThat(received.getJMSTimestamp()).isBetween(before, after);
        assertThat(received.getJMSCorrelationID()).isEqualTo("corr");
        assertThat(received.getJMSReplyTo()).isEqualTo(replyTo);
        assertThat(received.getJMSType()).isEqualTo("kind");
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(received.getJMSPriority()).isEqualTo(6);
        assertThat(received.getJMSExpiration()).isBetween(before + 60_000, after + 60_000);
        assertThat(received.getJMSDestination()).isEqualTo(queue);
        assertThat(received.getJMSRedelivered()).isFalse();
        assertThat(received.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @TransportTest
    void messageIdsAreUniqueAndCanBeDisabled() throws JMSException {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Message message = session.createMessage();
            producer.send(message);
            ids.add(message.getJMSMessageID());
        }
        assertThat(ids).hasSize(100).allMatch(id -> id.startsWith("ID:"));

        producer.setDisableMessageID(true);
        producer.setDisableMessageTimestamp(true);
        Message anonymous = session.createMessage();
        producer.send(anonymous);
        assertThat(anonymous.getJMSMessageID()).isNull();
        assertThat(anonymous.getJMSTimestamp()).isZero();
    }

    @TransportTest
    void allFiveBodyTypesArriveIntactAndReadOnly() throws JMSException {
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeInt(7);
        bytes.writeUTF("utf");
        MapMessage map = session.createMapMessage();
        map.setLong("long", 5L);
        map.setBytes("bytes", new byte[] {9});
        StreamMessage stream = session.createStreamMessage();
        stream.writeBoolean(true);
        stream.writeString("s");
        ObjectMessage object = session.createObjectMessage(new java.util.ArrayList<>(java.util.List.of(1, 2)));
        TextMessage text = session.createTextMessage("text");
        text.setStringProperty("color", "blue");
        for (Message message : new Message[] {bytes, map, stream, object, text}) {
            producer.send(message);
        }

        BytesMessage gotBytes = (BytesMessage) consumer.receive(1000);
        assertThat(gotBytes.readInt()).isEqualTo(7);
        assertThat(gotBytes.readUTF()).isEqualTo("utf");
        assertThatThrownBy(() -> gotBytes.writeInt(1)).isInstanceOf(MessageNotWriteableException.class);
        MapMessage gotMap = (MapMessage) consumer.receive(1000);
        assertThat(gotMap.getString("long")).isEqualTo("5");
        assertThat(gotMap.getBytes("bytes")).containsExactly(9);
        StreamMessage gotStream = (StreamMessage) consumer.receive(1000);
        assertThat(gotStream.readString()).isEqualTo("true");
        assertThat(gotStream.readString()).isEqualTo("s");
        assertThat(((ObjectMessage) consumer.receive(1000)).getObject()).isEqualTo(java.util.List.of(1, 2));
        TextMessage gotText = (TextMessage) consumer.receive(1000);
        assertThat(gotText.getText()).isEqualTo("text");
        assertThat(gotText.getStringProperty("color")).isEqualTo("blue");
        assertThatThrownBy(() -> gotText.setStringProperty("color", "red")).isInstanceOf(MessageNotWriteableException.class);
        gotText.clearProperties();
        gotText.setStringProperty("color", "red");
        gotText.clearBody();
        gotText.setText("writable again");
    }

    /** A class outside the default allow-list. */
    record Untrusted(String value) implements Serializable {
    }

    @TransportTest
    void objectMessageRefusesClassesOutsideTheAllowList() throws JMSException {
        producer.send(session.createObjectMessage(new Untrusted("payload")));
        ObjectMessage received = (ObjectMessage) consumer.receive(1000);
        assertThatThrownBy(received::getObject)
                .isInstanceOf(JMSException.class)
                .hasMessageContaining(Untrusted.class.getName())
                .hasMessageContaining("trustedPackages");
    }

    @TransportTest
    void trustedPackagesOptionAllowsMoreClasses() throws JMSException {
        TernConnectionFactory trusting = new TernConnectionFactory(broker.url("jms.trustedPackages=dev.tern.jms.e2e"));
        try (Connection other = trusting.createConnection()) {
            Session otherSession = other.createSession(Session.AUTO_ACKNOWLEDGE);
            Queue objects = otherSession.createQueue("objects");
            otherSession.createProducer(objects).send(otherSession.createObjectMessage(new Untrusted("ok")));
            MessageConsumer trustingConsumer = otherSession.createConsumer(objects);
            other.start();
            ObjectMessage received = (ObjectMessage) trustingConsumer.receive(1000);
            assertThat(received.getObject()).isEqualTo(new Untrusted("ok"));
        }
    }
}
