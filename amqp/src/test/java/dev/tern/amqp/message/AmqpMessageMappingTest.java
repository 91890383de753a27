package dev.tern.amqp.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.TernProperties;
import dev.tern.protocol.TypedValueCodec;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** MessageRecord -> AMQP -> MessageRecord keeps every header, property and body type. */
class AmqpMessageMappingTest {

    static final long NOW = 1_700_000_000_000L;
    static final DestinationName WORK = DestinationName.queue("work");

    static MessageRecord record(BodyType type, byte[] body) {
        return new MessageRecord("ID:tern-1", WORK, NOW - 5, null, null, null, false, 4, 0, NOW - 5,
                Map.of(), type, body);
    }

    static MessageRecord roundTrip(MessageRecord record) {
        byte[] wire = AmqpMessageMapping.toAmqp(record, 1, NOW);
        return AmqpMessageMapping.toRecord(wire, 0, wire.length, record.destination(), () -> "ID:unused", NOW);
    }

    static byte[] serialized(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    static Stream<Arguments> bodies() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("bool", true);
        map.put("byte", (byte) 7);
        map.put("short", (short) 300);
        map.put("char", 'x');
        map.put("int", 70_000);
        map.put("long", 1L << 40);
        map.put("float", 1.5f);
        map.put("double", 2.25);
        map.put("string", "héllo");
        map.put("bytes", new byte[] {1, 2, 3});
        map.put("null", null);
        List<Object> list = new ArrayList<>(map.values());
        return Stream.of(
                Arguments.of(BodyType.NONE, new byte[0]),
                Arguments.of(BodyType.TEXT, AmqpBodies.text("hello wörld").bytes()),
                Arguments.of(BodyType.TEXT, AmqpBodies.text("").bytes()),
                Arguments.of(BodyType.TEXT, AmqpBodies.text(null).bytes()),
                Arguments.of(BodyType.BYTES, new byte[] {0, 1, 2, (byte) 255}),
                Arguments.of(BodyType.BYTES, new byte[0]),
                Arguments.of(BodyType.MAP, TypedValueCodec.mapToBytes(map)),
                Arguments.of(BodyType.MAP, TypedValueCodec.mapToBytes(Map.of())),
                Arguments.of(BodyType.STREAM, TypedValueCodec.listToBytes(list)),
                Arguments.of(BodyType.STREAM, TypedValueCodec.listToBytes(List.of())),
                Arguments.of(BodyType.OBJECT, serialized(new ArrayList<>(List.of("a", 1)))),
                Arguments.of(BodyType.OBJECT, new byte[0]));
    }

    @ParameterizedTest(name = "{0} body of {1}")
    @MethodSource("bodies")
    void everyBodyTypeRoundTrips(BodyType type, byte[] body) {
        MessageRecord record = record(type, body);
        MessageRecord back = roundTrip(record);
        assertThat(back.bodyType()).isEqualTo(type);
        assertThat(back.body()).isEqualTo(body);
        assertThat(back).isEqualTo(record);
    }

    @Test
    void everyHeaderAndPropertyRoundTrips() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("s", "text");
        properties.put("b", true);
        properties.put("y", (byte) -3);
        properties.put("h", (short) -300);
        properties.put("i", -70_000);
        properties.put("l", -(1L << 40));
        properties.put("f", 1.25f);
        properties.put("d", -2.5);
        properties.put("JMSXGroupID", "orders-7");
        properties.put("JMSXGroupSeq", 12);
        properties.put("JMSXUserID", "alice");
        properties.put("JMSXAppID", "billing");
        MessageRecord record = new MessageRecord("ID:tern-42", DestinationName.topic("prices"), NOW - 100,
                "ID:tern-41", new DestinationName(DestinationType.TEMPORARY_QUEUE, "temp:q-1"), "quote", true, 9,
                NOW + 60_000, NOW + 5_000, properties, BodyType.TEXT, AmqpBodies.text("x").bytes());

        MessageRecord back = roundTrip(record);

        assertThat(back.messageId()).isEqualTo("ID:tern-42");
        assertThat(back.destination()).isEqualTo(DestinationName.topic("prices"));
        assertThat(back.timestamp()).isEqualTo(NOW - 100);
        assertThat(back.correlationId()).isEqualTo("ID:tern-41");
        assertThat(back.replyTo()).isEqualTo(record.replyTo());
        assertThat(back.type()).isEqualTo("quote");
        assertThat(back.persistent()).isTrue();
        assertThat(back.priority()).isEqualTo(9);
        assertThat(back.expiration()).isEqualTo(NOW + 60_000);
        assertThat(back.deliveryTime()).isEqualTo(NOW + 5_000);
        assertThat(back.properties()).containsExactlyInAnyOrderEntriesOf(properties);
        assertThat(back).isEqualTo(record);
    }

    @Test
    void applicationCorrelationIdAndEveryPriorityRoundTrip() {
        for (int priority = 0; priority <= 9; priority++) {
            MessageRecord record = new MessageRecord("ID:p", WORK, NOW, "order-17", null, null, false, priority,
                    0, NOW, Map.of(), BodyType.NONE, null);
            MessageRecord back = roundTrip(record);
            assertThat(back.priority()).isEqualTo(priority);
            assertThat(back.correlationId()).isEqualTo("order-17");
        }
    }

    @Test
    void headerCarriesDurablePriorityTtlAndDeliveryCountMinusOne() {
        MessageRecord record = new MessageRecord("ID:h", WORK, NOW, null, null, null, true, 7, NOW + 30_000, NOW,
                Map.of(), BodyType.NONE, null);
        Message message = decode(AmqpMessageMapping.toAmqp(record, 3, NOW + 10_000));
        assertThat(message.getHeader().getDurable()).isTrue();
        assertThat(message.getHeader().getPriority().intValue()).isEqualTo(7);
        assertThat(message.getHeader().getTtl().longValue()).isEqualTo(20_000);
        assertThat(message.getHeader().getDeliveryCount().intValue()).isEqualTo(2);
        assertThat(message.getProperties().getAbsoluteExpiryTime().getTime()).isEqualTo(NOW + 30_000);
    }

    @Test
    void firstDeliveryOfADefaultMessageNeedsNoHeader() {
        Message message = decode(AmqpMessageMapping.toAmqp(record(BodyType.NONE, null), 1, NOW));
        assertThat(message.getHeader()).isNull();
        assertThat(message.getBody()).isNull();
    }

    @Test
    void outgoingMessagesAlwaysNameTheirJmsTypeAndDestinationType() {
        Message text = decode(AmqpMessageMapping.toAmqp(record(BodyType.TEXT, AmqpBodies.text("t").bytes()), 1, NOW));
        assertThat(text.getMessageAnnotations().getValue())
                .containsEntry(Symbol.valueOf("x-opt-jms-msg-type"), (byte) 5)
                .containsEntry(Symbol.valueOf("x-opt-jms-dest"), (byte) 0);
        assertThat(((AmqpValue) text.getBody()).getValue()).isEqualTo("t");
        assertThat(text.getProperties().getTo()).isEqualTo("work");
        assertThat(text.getProperties().getMessageId()).isEqualTo("ID:tern-1");
    }

    @Test
    void bodiesAreNaturalAmqpValues() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("n", 1);
        map.put("raw", new byte[] {9});
        Message mapMessage = decode(AmqpMessageMapping.toAmqp(
                record(BodyType.MAP, TypedValueCodec.mapToBytes(map)), 1, NOW));
        @SuppressWarnings("unchecked")
        Map<String, Object> amqpMap = (Map<String, Object>) ((AmqpValue) mapMessage.getBody()).getValue();
        assertThat(amqpMap).containsEntry("n", 1).containsKey("raw");
        assertThat(amqpMap.get("raw")).isEqualTo(new org.apache.qpid.proton.amqp.Binary(new byte[] {9}));

        Message stream = decode(AmqpMessageMapping.toAmqp(
                record(BodyType.STREAM, TypedValueCodec.listToBytes(List.of("a", 2L))), 1, NOW));
        assertThat(stream.getBody()).isInstanceOf(AmqpSequence.class);
        assertThat(((AmqpSequence) stream.getBody()).getValue()).containsExactly("a", 2L);

        Message bytes = decode(AmqpMessageMapping.toAmqp(record(BodyType.BYTES, new byte[] {4, 5}), 1, NOW));
        assertThat(bytes.getBody()).isInstanceOf(Data.class);
        assertThat(bytes.getContentType()).isEqualTo("application/octet-stream");

        Message object = decode(AmqpMessageMapping.toAmqp(record(BodyType.OBJECT, serialized("o")), 1, NOW));
        assertThat(object.getContentType()).isEqualTo("application/x-java-serialized-object");
        assertThat(Arrays.equals(((Data) object.getBody()).getValue().getArray(), serialized("o"))).isTrue();
    }

    @Test
    void ternBookkeepingTravelsAsAnnotationsNotApplicationProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(TernProperties.ORIG_DESTINATION, "queue://work");
        properties.put(TernProperties.DLQ_REASON, "max delivery attempts");
        properties.put(TernProperties.ORIG_EXPIRATION, 123L);
        properties.put("app", "kept");
        MessageRecord record = new MessageRecord("ID:d", DestinationName.queue("DLQ"), NOW, null, null, null, true,
                4, 0, NOW, properties, BodyType.NONE, null);
        byte[] wire = AmqpMessageMapping.toAmqp(record, 1, NOW);
        Message message = decode(wire);

        assertThat(message.getApplicationProperties().getValue()).containsOnlyKeys("app");
        assertThat(message.getMessageAnnotations().getValue())
                .containsEntry(Symbol.valueOf("x-opt-tern-orig-destination"), "queue://work")
                .containsEntry(Symbol.valueOf("x-opt-tern-dlq-reason"), "max delivery attempts")
                .containsEntry(Symbol.valueOf("x-opt-tern-orig-expiration"), 123L);
        assertThat(AmqpMessageMapping.toRecord(wire, 0, wire.length, record.destination(), () -> "ID:x", NOW))
                .isEqualTo(record);
    }

    @Test
    void deliveryCountIsNeverAnApplicationProperty() {
        MessageRecord record = new MessageRecord("ID:c", WORK, NOW, null, null, null, false, 4, 0, NOW,
                Map.of("JMSXDeliveryCount", 3), BodyType.NONE, null);
        assertThat(decode(AmqpMessageMapping.toAmqp(record, 3, NOW)).getApplicationProperties()).isNull();
    }

    @Test
    void expiredMessageKeepsAbsoluteExpiryButSendsNoTtl() {
        MessageRecord record = new MessageRecord("ID:e", WORK, NOW, null, null, null, false, 4, NOW - 1, NOW,
                Map.of(), BodyType.NONE, null);
        Message message = decode(AmqpMessageMapping.toAmqp(record, 1, NOW));
        assertThat(message.getHeader()).isNull();
        assertThat(message.getProperties().getAbsoluteExpiryTime().getTime()).isEqualTo(NOW - 1);
    }

    @Test
    void decodesAnOffsetSliceOfALargerArray() {
        byte[] wire = AmqpMessageMapping.toAmqp(record(BodyType.BYTES, new byte[] {7}), 1, NOW);
        byte[] framed = new byte[wire.length + 20];
        System.arraycopy(wire, 0, framed, 10, wire.length);
        Arrays.fill(framed, 0, 10, (byte) 0xff);
        Arrays.fill(framed, 10 + wire.length, framed.length, (byte) 0xff);
        MessageRecord back = AmqpMessageMapping.toRecord(framed, 10, wire.length, WORK, () -> "ID:x", NOW);
        assertThat(back.body()).containsExactly(7);
    }

    static Message decode(byte[] wire) {
        Message message = Proton.message();
        message.decode(wire, 0, wire.length);
        return message;
    }
}
