package dev.tern.amqp.message;

import static dev.tern.amqp.message.AmqpMessageMappingTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.TypedValueCodec;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageEOFException;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.jms.JmsQueue;
import org.apache.qpid.jms.JmsTemporaryQueue;
import org.apache.qpid.jms.JmsTopic;
import org.apache.qpid.jms.message.JmsBytesMessage;
import org.apache.qpid.jms.message.JmsMapMessage;
import org.apache.qpid.jms.message.JmsMessage;
import org.apache.qpid.jms.message.JmsObjectMessage;
import org.apache.qpid.jms.message.JmsStreamMessage;
import org.apache.qpid.jms.message.JmsTextMessage;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsBytesMessageFacade;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsMapMessageFacade;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsMessageFacade;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsObjectMessageFacade;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsStreamMessageFacade;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsTextMessageFacade;
import org.apache.qpid.jms.provider.amqp.message.AmqpMessageIdHelper;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.junit.jupiter.api.Test;

/** Messages encoded by Qpid JMS 2.7.0's own codec reach Tern intact, and Tern's messages reach Qpid JMS as the same JMS message. */
class AmqpQpidJmsCompatibilityTest {

    static final DestinationName WORK = DestinationName.queue("work");

    static MessageRecord fromQpid(JmsMessage message, long producerTtl) throws Exception {
        byte[] wire = QpidJmsCodec.encode(message, producerTtl);
        return AmqpMessageMapping.toRecord(wire, 0, wire.length, WORK, () -> "ID:generated", NOW);
    }

    static JmsMessage toQpid(MessageRecord record, int deliveryCount) throws Exception {
        return QpidJmsCodec.decode(AmqpMessageMapping.toAmqp(record, deliveryCount, NOW));
    }

    @Test
    void qpidTextMessageArrivesWithEveryHeaderAndProperty() throws Exception {
        JmsTextMessage message = QpidJmsCodec.newMessage(new AmqpJmsTextMessageFacade(), JmsTextMessage.class);
        message.setText("hello from Qpid JMS");
        message.setJMSDestination(new JmsQueue("work"));
        message.setJMSMessageID("ID:qpid-conn-1:1:1:1-1");
        message.setJMSCorrelationID("ID:qpid-conn-1:1:1:1-0");
        message.setJMSReplyTo(new JmsTemporaryQueue("temp:replies-1"));
        message.setJMSType("greeting");
        message.setJMSPriority(8);
        message.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        message.setJMSTimestamp(NOW - 10);
        message.setJMSExpiration(NOW - 10 + 60_000);
        message.setStringProperty("JMSXGroupID", "orders");
        message.setIntProperty("JMSXGroupSeq", 3);
        message.setBooleanProperty("flag", true);
        message.setByteProperty("b", (byte) 1);
        message.setShortProperty("s", (short) 2);
        message.setIntProperty("i", 3);
        message.setLongProperty("l", 4L);
        message.setFloatProperty("f", 5.5f);
        message.setDoubleProperty("d", 6.5);
        message.setStringProperty("str", "seven");

        MessageRecord record = fromQpid(message, 60_000);

        assertThat(record.bodyType()).isEqualTo(BodyType.TEXT);
        assertThat(AmqpBodies.readText(record.body())).isEqualTo("hello from Qpid JMS");
        assertThat(record.destination()).isEqualTo(WORK);
        assertThat(record.messageId()).isEqualTo("ID:qpid-conn-1:1:1:1-1");
        assertThat(record.correlationId()).isEqualTo("ID:qpid-conn-1:1:1:1-0");
        assertThat(record.replyTo()).isEqualTo(new DestinationName(DestinationType.TEMPORARY_QUEUE, "temp:replies-1"));
        assertThat(record.type()).isEqualTo("greeting");
        assertThat(record.priority()).isEqualTo(8);
        assertThat(record.persistent()).isTrue();
        assertThat(record.timestamp()).isEqualTo(NOW - 10);
        assertThat(record.expiration()).isEqualTo(NOW - 10 + 60_000);
        assertThat(record.deliveryTime()).isEqualTo(NOW - 10);
        assertThat(record.properties()).containsEntry("JMSXGroupID", "orders").containsEntry("JMSXGroupSeq", 3)
                .containsEntry("flag", true).containsEntry("b", (byte) 1).containsEntry("s", (short) 2)
                .containsEntry("i", 3).containsEntry("l", 4L).containsEntry("f", 5.5f).containsEntry("d", 6.5)
                .containsEntry("str", "seven").hasSize(10);
    }

    @Test
    void qpidNonPersistentDefaultsAndDeliveryDelayArrive() throws Exception {
        JmsMessage message = QpidJmsCodec.newMessage(new AmqpJmsMessageFacade(), JmsMessage.class);
        message.setJMSDestination(new JmsTopic("news"));
        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        message.setJMSPriority(4);
        message.setJMSTimestamp(NOW - 1);
        ((AmqpJmsMessageFacade) message.getFacade()).setDeliveryTime(NOW + 30_000, true);

        byte[] wire = QpidJmsCodec.encode(message, 0);
        MessageRecord record = AmqpMessageMapping.toRecord(wire, 0, wire.length, null, () -> "ID:made-by-tern", NOW);

        assertThat(record.bodyType()).isEqualTo(BodyType.NONE);
        assertThat(record.destination()).isEqualTo(DestinationName.topic("news"));
        assertThat(record.messageId()).isEqualTo("ID:made-by-tern");
        assertThat(record.persistent()).isFalse();
        assertThat(record.priority()).isEqualTo(4);
        assertThat(record.expiration()).isZero();
        assertThat(record.deliveryTime()).isEqualTo(NOW + 30_000);
    }

    @Test
    void qpidBodiesArriveAsTheSameJmsTypes() throws Exception {
        JmsBytesMessage bytes = QpidJmsCodec.newMessage(new AmqpJmsBytesMessageFacade(), JmsBytesMessage.class);
        bytes.writeBytes(new byte[] {1, 2, 3});
        MessageRecord bytesRecord = fromQpid(bytes, 0);
        assertThat(bytesRecord.bodyType()).isEqualTo(BodyType.BYTES);
        assertThat(bytesRecord.body()).containsExactly(1, 2, 3);

        JmsMapMessage map = QpidJmsCodec.newMessage(new AmqpJmsMapMessageFacade(), JmsMapMessage.class);
        map.setInt("count", 2);
        map.setBytes("raw", new byte[] {9});
        map.setChar("c", 'z');
        map.setString("name", "n");
        MessageRecord mapRecord = fromQpid(map, 0);
        assertThat(mapRecord.bodyType()).isEqualTo(BodyType.MAP);
        Map<String, Object> body = TypedValueCodec.mapFromBytes(mapRecord.body());
        assertThat(body).containsEntry("count", 2).containsEntry("c", 'z').containsEntry("name", "n");
        assertThat((byte[]) body.get("raw")).containsExactly(9);

        JmsStreamMessage stream = QpidJmsCodec.newMessage(new AmqpJmsStreamMessageFacade(), JmsStreamMessage.class);
        stream.writeLong(7L);
        stream.writeString("s");
        stream.writeBoolean(false);
        MessageRecord streamRecord = fromQpid(stream, 0);
        assertThat(streamRecord.bodyType()).isEqualTo(BodyType.STREAM);
        assertThat(TypedValueCodec.listFromBytes(streamRecord.body())).containsExactly(7L, "s", false);

        JmsObjectMessage object = QpidJmsCodec.newMessage(new AmqpJmsObjectMessageFacade(), JmsObjectMessage.class);
        object.setObject(new ArrayList<>(List.of("x", 1)));
        MessageRecord objectRecord = fromQpid(object, 0);
        assertThat(objectRecord.bodyType()).isEqualTo(BodyType.OBJECT);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(objectRecord.body()))) {
            assertThat(in.readObject()).isEqualTo(List.of("x", 1));
        }

        JmsObjectMessage nullObject = QpidJmsCodec.newMessage(new AmqpJmsObjectMessageFacade(), JmsObjectMessage.class);
        MessageRecord nullRecord = fromQpid(nullObject, 0);
        assertThat(nullRecord.bodyType()).isEqualTo(BodyType.OBJECT);
        assertThat(nullRecord.body()).isEmpty();

        JmsTextMessage nullText = QpidJmsCodec.newMessage(new AmqpJmsTextMessageFacade(), JmsTextMessage.class);
        MessageRecord nullTextRecord = fromQpid(nullText, 0);
        assertThat(nullTextRecord.bodyType()).isEqualTo(BodyType.TEXT);
        assertThat(AmqpBodies.readText(nullTextRecord.body())).isNull();
    }

    @Test
    void ternMessagesReachQpidJmsAsTheSameJmsTypesAndValues() throws Exception {
        Map<String, Object> mapBody = new LinkedHashMap<>();
        mapBody.put("n", 1);
        mapBody.put("c", 'q');
        mapBody.put("raw", new byte[] {4});
        JmsMessage map = toQpid(record(BodyType.MAP, TypedValueCodec.mapToBytes(mapBody)), 1);
        assertThat(map).isInstanceOf(JmsMapMessage.class);
        assertThat(((JmsMapMessage) map).getInt("n")).isEqualTo(1);
        assertThat(((JmsMapMessage) map).getChar("c")).isEqualTo('q');
        assertThat(((JmsMapMessage) map).getBytes("raw")).containsExactly(4);

        JmsMessage text = toQpid(record(BodyType.TEXT, AmqpBodies.text("t").bytes()), 1);
        assertThat(((JmsTextMessage) text).getText()).isEqualTo("t");
        JmsMessage nullText = toQpid(record(BodyType.TEXT, AmqpBodies.text(null).bytes()), 1);
        assertThat(((JmsTextMessage) nullText).getText()).isNull();

        JmsMessage bytes = toQpid(record(BodyType.BYTES, new byte[] {1, 2}), 1);
        assertThat(((JmsBytesMessage) bytes).getBodyLength()).isEqualTo(2);

        JmsMessage stream = toQpid(record(BodyType.STREAM, TypedValueCodec.listToBytes(List.of(1, "two"))), 1);
        JmsStreamMessage streamMessage = (JmsStreamMessage) stream;
        assertThat(streamMessage.readInt()).isEqualTo(1);
        assertThat(streamMessage.readString()).isEqualTo("two");
        org.assertj.core.api.Assertions.assertThatThrownBy(streamMessage::readObject)
                .isInstanceOf(MessageEOFException.class);

        JmsMessage object = toQpid(record(BodyType.OBJECT, AmqpMessageMappingTest.serialized("obj")), 1);
        assertThat(((JmsObjectMessage) object).getObject()).isEqualTo("obj");
        JmsMessage nullObject = toQpid(record(BodyType.OBJECT, new byte[0]), 1);
        assertThat(((JmsObjectMessage) nullObject).getObject()).isNull();

        JmsMessage plain = toQpid(record(BodyType.NONE, null), 1);
        assertThat(plain.getClass()).isEqualTo(JmsMessage.class);
    }

    @Test
    void ternHeadersReachQpidJms() throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("JMSXGroupID", "g");
        properties.put("JMSXGroupSeq", 5);
        properties.put("JMSXUserID", "alice");
        properties.put("k", 42L);
        MessageRecord record = new MessageRecord("ID:tern-9", DestinationName.topic("prices"), NOW - 50,
                "app-correlation", new DestinationName(DestinationType.TEMPORARY_TOPIC, "temp:t-1"), "kind", true, 2,
                NOW + 10_000, NOW + 1_000, properties, BodyType.NONE, null);

        JmsMessage message = toQpid(record, 3);

        assertThat(message.getJMSMessageID()).isEqualTo("ID:tern-9");
        assertThat(message.getJMSCorrelationID()).isEqualTo("app-correlation");
        assertThat(message.getJMSDestination()).isEqualTo(new JmsTopic("prices"));
        assertThat(message.getJMSReplyTo()).isInstanceOf(org.apache.qpid.jms.JmsTemporaryTopic.class);
        assertThat(((jakarta.jms.TemporaryTopic) message.getJMSReplyTo()).getTopicName()).isEqualTo("temp:t-1");
        assertThat(message.getJMSType()).isEqualTo("kind");
        assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(message.getJMSPriority()).isEqualTo(2);
        assertThat(message.getJMSTimestamp()).isEqualTo(NOW - 50);
        assertThat(message.getJMSExpiration()).isEqualTo(NOW + 10_000);
        assertThat(message.getJMSDeliveryTime()).isEqualTo(NOW + 1_000);
        assertThat(message.getJMSRedelivered()).isTrue();
        assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(3);
        assertThat(message.getStringProperty("JMSXGroupID")).isEqualTo("g");
        assertThat(message.getIntProperty("JMSXGroupSeq")).isEqualTo(5);
        assertThat(message.getStringProperty("JMSXUserID")).isEqualTo("alice");
        assertThat(message.getLongProperty("k")).isEqualTo(42L);

        JmsMessage first = toQpid(record, 1);
        assertThat(first.getJMSRedelivered()).isFalse();
        assertThat(first.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @Test
    void qpidMessageIdsOfEveryAmqpTypeRoundTripExactly() throws Exception {
        List<String> ids = List.of("ID:plain-1", "ID:AMQP_UUID:" + UUID.randomUUID(), "ID:AMQP_ULONG:18446744073709551615",
                "ID:AMQP_BINARY:00FF7A", "ID:AMQP_NO_PREFIX:python-id", "ID:AMQP_STRING:ID:AMQP_UUID:not-a-uuid");
        for (String id : ids) {
            JmsTextMessage message = QpidJmsCodec.newMessage(new AmqpJmsTextMessageFacade(), JmsTextMessage.class);
            message.setJMSMessageID(id);
            message.setJMSCorrelationID(id);
            MessageRecord record = fromQpid(message, 0);
            assertThat(record.messageId()).isEqualTo(id);
            // a correlation id is what Qpid JMS itself reads back: "ID:AMQP_NO_PREFIX:x" is sent as "x", read as "x"
            String correlation = AmqpMessageIdHelper.toCorrelationIdString(AmqpMessageIdHelper.toIdObject(id));
            assertThat(record.correlationId()).isEqualTo(correlation);
            JmsMessage back = toQpid(record, 1);
            assertThat(back.getJMSMessageID()).isEqualTo(id);
            assertThat(back.getJMSCorrelationID()).isEqualTo(correlation);
        }
    }

    @Test
    void idConversionsAgreeWithQpidJms() throws Exception {
        List<Object> amqpIds = List.of("plain", "ID:x", "ID:AMQP_UUID:abc", "ID:AMQP_NO_PREFIX:y", UUID.randomUUID(),
                UnsignedLong.valueOf("18446744073709551615"), UnsignedLong.valueOf(5), new Binary(new byte[] {0, -1, 16}));
        for (Object id : amqpIds) {
            assertThat(MessageIds.messageIdString(id)).as("message id %s", id)
                    .isEqualTo(AmqpMessageIdHelper.toMessageIdString(id));
            assertThat(MessageIds.correlationIdString(id)).as("correlation id %s", id)
                    .isEqualTo(AmqpMessageIdHelper.toCorrelationIdString(id));
            String jmsId = AmqpMessageIdHelper.toMessageIdString(id);
            assertThat(MessageIds.idObject(jmsId)).as("id object of %s", jmsId)
                    .isEqualTo(AmqpMessageIdHelper.toIdObject(jmsId));
        }
        for (String jmsId : List.of("app-id", "ID:a", "ID:AMQP_STRING:ID:AMQP_UUID:q", "ID:AMQP_BINARY:0a0B")) {
            assertThat(MessageIds.idObject(jmsId)).as("id object of %s", jmsId)
                    .isEqualTo(AmqpMessageIdHelper.toIdObject(jmsId));
        }
    }

    static MessageRecord record(BodyType type, byte[] body) {
        return new MessageRecord("ID:tern-1", WORK, NOW - 5, null, null, null, false, 4, 0, NOW - 5,
                Map.of(), type, body);
    }
}
