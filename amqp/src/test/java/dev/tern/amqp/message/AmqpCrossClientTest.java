package dev.tern.amqp.message;

import static dev.tern.amqp.message.AmqpMessageMappingTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.jms.TernQueue;
import dev.tern.jms.message.TernBytesMessage;
import dev.tern.jms.message.TernMapMessage;
import dev.tern.jms.message.TernMessage;
import dev.tern.jms.message.TernMessages;
import dev.tern.jms.message.TernObjectMessage;
import dev.tern.jms.message.TernStreamMessage;
import dev.tern.jms.message.TernTextMessage;
import dev.tern.jms.message.TrustedPackages;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import org.apache.qpid.jms.JmsQueue;
import org.apache.qpid.jms.message.JmsBytesMessage;
import org.apache.qpid.jms.message.JmsMapMessage;
import org.apache.qpid.jms.message.JmsMessage;
import org.apache.qpid.jms.message.JmsObjectMessage;
import org.apache.qpid.jms.message.JmsStreamMessage;
import org.apache.qpid.jms.message.JmsTextMessage;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsBytesMessageFacade;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsMapMessageFacade;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsObjectMessageFacade;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsStreamMessageFacade;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsTextMessageFacade;
import org.junit.jupiter.api.Test;

/**
 * JMS to JMS across protocols, without a broker: a Tern JMS producer's message reaches a Qpid JMS consumer,
 * and a Qpid JMS producer's message reaches a Tern JMS consumer, as the same JMS message.
 */
class AmqpCrossClientTest {

    static final DestinationName WORK = DestinationName.queue("work");

    static Message ternToQpid(TernMessage message) throws Exception {
        message.setJMSDestination(new TernQueue("work"));
        message.setJMSMessageID("ID:tern-producer-1");
        message.setJMSTimestamp(NOW - 1);
        message.setJMSDeliveryTime(NOW - 1);
        message.setJMSPriority(7);
        message.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        message.setStringProperty("origin", "tern");
        return QpidJmsCodec.decode(AmqpMessageMapping.toAmqp(message.toRecord(), 1, NOW));
    }

    static Message qpidToTern(JmsMessage message) throws Exception {
        message.setJMSDestination(new JmsQueue("work"));
        message.setJMSMessageID("ID:qpid-producer-1");
        message.setJMSTimestamp(NOW - 1);
        message.setJMSPriority(7);
        message.setStringProperty("origin", "qpid");
        byte[] wire = QpidJmsCodec.encode(message, 0);
        MessageRecord record = AmqpMessageMapping.toRecord(wire, 0, wire.length, WORK, () -> "ID:unused", NOW);
        return TernMessages.fromRecord(record, 1, TrustedPackages.defaults());
    }

    @Test
    void ternProducerToQpidConsumerKeepsTypeBodyAndHeaders() throws Exception {
        TernTextMessage text = new TernTextMessage();
        text.setText("from tern");
        Message received = ternToQpid(text);
        assertThat(((TextMessage) received).getText()).isEqualTo("from tern");
        assertThat(received.getJMSMessageID()).isEqualTo("ID:tern-producer-1");
        assertThat(received.getJMSPriority()).isEqualTo(7);
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(received.getStringProperty("origin")).isEqualTo("tern");
        assertThat(received.getJMSDestination()).isEqualTo(new JmsQueue("work"));

        TernBytesMessage bytes = new TernBytesMessage();
        bytes.writeInt(42);
        assertThat(((BytesMessage) ternToQpid(bytes)).readInt()).isEqualTo(42);

        TernMapMessage map = new TernMapMessage();
        map.setShort("s", (short) 3);
        map.setChar("c", 'k');
        assertThat(((MapMessage) ternToQpid(map)).getShort("s")).isEqualTo((short) 3);

        TernStreamMessage stream = new TernStreamMessage();
        stream.writeDouble(1.5);
        stream.writeBytes(new byte[] {1, 2});
        StreamMessage streamReceived = (StreamMessage) ternToQpid(stream);
        assertThat(streamReceived.readDouble()).isEqualTo(1.5);
        byte[] two = new byte[2];
        assertThat(streamReceived.readBytes(two)).isEqualTo(2);
        assertThat(two).containsExactly(1, 2);

        TernObjectMessage object = new TernObjectMessage();
        object.setObject(new ArrayList<>(List.of("o")));
        assertThat(((ObjectMessage) ternToQpid(object)).getObject()).isEqualTo(List.of("o"));
    }

    @Test
    void qpidProducerToTernConsumerKeepsTypeBodyAndHeaders() throws Exception {
        JmsTextMessage text = QpidJmsCodec.newMessage(new AmqpJmsTextMessageFacade(), JmsTextMessage.class);
        text.setText("from qpid");
        Message received = qpidToTern(text);
        assertThat(((TextMessage) received).getText()).isEqualTo("from qpid");
        assertThat(received.getJMSMessageID()).isEqualTo("ID:qpid-producer-1");
        assertThat(received.getJMSPriority()).isEqualTo(7);
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(received.getStringProperty("origin")).isEqualTo("qpid");
        assertThat(received.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);

        JmsBytesMessage bytes = QpidJmsCodec.newMessage(new AmqpJmsBytesMessageFacade(), JmsBytesMessage.class);
        bytes.writeLong(7L);
        assertThat(((BytesMessage) qpidToTern(bytes)).readLong()).isEqualTo(7L);

        JmsMapMessage map = QpidJmsCodec.newMessage(new AmqpJmsMapMessageFacade(), JmsMapMessage.class);
        map.setFloat("f", 2.5f);
        assertThat(((MapMessage) qpidToTern(map)).getFloat("f")).isEqualTo(2.5f);

        JmsStreamMessage stream = QpidJmsCodec.newMessage(new AmqpJmsStreamMessageFacade(), JmsStreamMessage.class);
        stream.writeChar('q');
        assertThat(((StreamMessage) qpidToTern(stream)).readChar()).isEqualTo('q');

        JmsObjectMessage object = QpidJmsCodec.newMessage(new AmqpJmsObjectMessageFacade(), JmsObjectMessage.class);
        object.setObject(new ArrayList<>(List.of(1, 2)));
        assertThat(((ObjectMessage) qpidToTern(object)).getObject()).isEqualTo(List.of(1, 2));
    }
}
