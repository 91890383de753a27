package dev.tern.amqp.message;

import static dev.tern.amqp.message.AmqpMessageMappingTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.jms.message.TernMessages;
import dev.tern.jms.message.TrustedPackages;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.TypedValueCodec;
import jakarta.jms.BytesMessage;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedByte;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.UnsignedShort;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Section;
import org.junit.jupiter.api.Test;

/**
 * Messages as non-JMS clients (Python proton, Node rhea) build them: no JMS annotations, natural AMQP
 * values. They reach a Tern JMS consumer as the JMS type their body suggests.
 */
class AmqpForeignClientTest {

    static final DestinationName WORK = DestinationName.queue("work");

    static org.apache.qpid.proton.message.Message message(Section body) {
        org.apache.qpid.proton.message.Message message = Proton.message();
        message.setBody(body);
        return message;
    }

    static MessageRecord decode(org.apache.qpid.proton.message.Message message) {
        byte[] wire = Peer.encode(message);
        return AmqpMessageMapping.toRecord(wire, 0, wire.length, WORK, () -> "ID:tern-generated", NOW);
    }

    static Message jms(MessageRecord record) {
        return TernMessages.fromRecord(record, 1, TrustedPackages.defaults());
    }

    @Test
    void stringBodyIsATextMessage() throws Exception {
        MessageRecord record = decode(message(new AmqpValue("hi from python")));
        assertThat(record.bodyType()).isEqualTo(BodyType.TEXT);
        assertThat(((TextMessage) jms(record)).getText()).isEqualTo("hi from python");
    }

    @Test
    void binaryBodyIsABytesMessage() throws Exception {
        MessageRecord fromData = decode(message(new Data(new Binary(new byte[] {1, 2}))));
        MessageRecord fromValue = decode(message(new AmqpValue(new Binary(new byte[] {3}))));
        assertThat(fromData.bodyType()).isEqualTo(BodyType.BYTES);
        assertThat(fromValue.bodyType()).isEqualTo(BodyType.BYTES);
        assertThat(((BytesMessage) jms(fromData)).getBodyLength()).isEqualTo(2);
        assertThat(fromValue.body()).containsExactly(3);
    }

    @Test
    void dataWithATextualContentTypeIsATextMessage() throws Exception {
        org.apache.qpid.proton.message.Message message = message(new Data(new Binary("{\"a\":1}".getBytes("UTF-8"))));
        message.setContentType("application/json");
        assertThat(((TextMessage) jms(decode(message))).getText()).isEqualTo("{\"a\":1}");

        org.apache.qpid.proton.message.Message latin = message(new Data(new Binary(new byte[] {(byte) 0xe9})));
        latin.setContentType("text/plain; charset=ISO-8859-1");
        assertThat(((TextMessage) jms(decode(latin))).getText()).isEqualTo("é");

        org.apache.qpid.proton.message.Message invalid = message(new Data(new Binary(new byte[] {(byte) 0xff})));
        invalid.setContentType("text/plain");
        assertThat(decode(invalid).bodyType()).isEqualTo(BodyType.BYTES);
    }

    @Test
    void mapBodyIsAMapMessageWithWidenedValues() throws Exception {
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put("name", "widget");
        dict.put("count", 3L);
        dict.put("price", 9.5);
        dict.put("ok", true);
        dict.put(Symbol.valueOf("sym-key"), Symbol.valueOf("sym-value"));
        dict.put("ubyte", UnsignedByte.valueOf((byte) 200));
        dict.put("ushort", UnsignedShort.valueOf((short) 60000));
        dict.put("uint", UnsignedInteger.valueOf(4_000_000_000L));
        dict.put("ulong", UnsignedLong.valueOf(BigInteger.TWO.pow(64).subtract(BigInteger.ONE)));
        dict.put("uuid", new UUID(1, 2));
        dict.put("when", new Date(NOW));
        dict.put("blob", new Binary(new byte[] {7}));
        dict.put("nothing", null);
        MessageRecord record = decode(message(new AmqpValue(dict)));

        assertThat(record.bodyType()).isEqualTo(BodyType.MAP);
        MapMessage map = (MapMessage) jms(record);
        assertThat(map.getString("name")).isEqualTo("widget");
        assertThat(map.getLong("count")).isEqualTo(3L);
        assertThat(map.getDouble("price")).isEqualTo(9.5);
        assertThat(map.getBoolean("ok")).isTrue();
        assertThat(map.getString("sym-key")).isEqualTo("sym-value");
        assertThat(map.getObject("ubyte")).isEqualTo((short) 200);
        assertThat(map.getObject("ushort")).isEqualTo(60000);
        assertThat(map.getObject("uint")).isEqualTo(4_000_000_000L);
        assertThat(map.getObject("ulong")).isEqualTo("18446744073709551615");
        assertThat(map.getString("uuid")).isEqualTo(new UUID(1, 2).toString());
        assertThat(map.getLong("when")).isEqualTo(NOW);
        assertThat(map.getBytes("blob")).containsExactly(7);
        assertThat(map.itemExists("nothing")).isTrue();
        assertThat(map.getObject("nothing")).isNull();
    }

    @Test
    void listAndSequenceBodiesAreStreamMessages() throws Exception {
        MessageRecord fromList = decode(message(new AmqpValue(List.of("a", 1, 'c'))));
        MessageRecord fromSequence = decode(message(new AmqpSequence(List.of(2.5, false))));
        assertThat(fromList.bodyType()).isEqualTo(BodyType.STREAM);
        assertThat(fromSequence.bodyType()).isEqualTo(BodyType.STREAM);
        StreamMessage stream = (StreamMessage) jms(fromList);
        assertThat(stream.readString()).isEqualTo("a");
        assertThat(stream.readInt()).isEqualTo(1);
        assertThat(stream.readChar()).isEqualTo('c');
        assertThat(TypedValueCodec.listFromBytes(fromSequence.body())).containsExactly(2.5, false);
    }

    @Test
    void severalDataSectionsJoinIntoOneBody() {
        byte[] first = Peer.encode(message(new Data(new Binary(new byte[] {1, 2}))));
        byte[] second = Peer.encode(message(new Data(new Binary(new byte[] {3}))));
        byte[] wire = new byte[first.length + second.length];
        System.arraycopy(first, 0, wire, 0, first.length);
        System.arraycopy(second, 0, wire, first.length, second.length);
        MessageRecord record = AmqpMessageMapping.toRecord(wire, 0, wire.length, WORK, () -> "ID:x", NOW);
        assertThat(record.body()).containsExactly(1, 2, 3);
    }

    @Test
    void otherValuesAndNestedCollectionsBecomeObjectMessagesOfJdkTypes() throws Exception {
        assertThat(object(decode(message(new AmqpValue(42L))))).isEqualTo(42L);
        assertThat(object(decode(message(new AmqpValue(true))))).isEqualTo(true);
        assertThat(object(decode(message(new AmqpValue(new UUID(3, 4)))))).isEqualTo(new UUID(3, 4));
        assertThat(object(decode(message(new AmqpValue(UnsignedInteger.valueOf(7)))))).isEqualTo(7L);

        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("inner", Map.of("k", Symbol.valueOf("v")));
        nested.put("list", List.of(new Binary(new byte[] {1})));
        Object value = object(decode(message(new AmqpValue(nested))));
        assertThat(value).isInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        assertThat(map.get("inner")).isEqualTo(Map.of("k", "v"));
        assertThat(((List<?>) map.get("list")).get(0)).isEqualTo(new byte[] {1});

        assertThat(object(decode(message(new AmqpValue(new int[] {1, 2}))))).isEqualTo(new ArrayList<>(List.of(1, 2)));
        assertThat(object(decode(message(new AmqpValue(Map.of(1, "int key")))))).isEqualTo(Map.of(1, "int key"));
    }

    private static Object object(MessageRecord record) throws Exception {
        assertThat(record.bodyType()).isEqualTo(BodyType.OBJECT);
        assertThat(((ObjectMessage) jms(record)).getObject()).isNotNull();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(record.body()))) {
            return in.readObject();
        }
    }

    @Test
    void noBodyOrNullValueIsAPlainMessage() {
        assertThat(decode(message(null)).bodyType()).isEqualTo(BodyType.NONE);
        assertThat(decode(message(new AmqpValue(null))).bodyType()).isEqualTo(BodyType.NONE);
    }

    @Test
    void pythonStylePropertiesAndIdsArriveAsJmsValues() throws Exception {
        org.apache.qpid.proton.message.Message message = message(new AmqpValue("x"));
        message.setMessageId("python-1");
        message.setCorrelationId(UnsignedLong.valueOf(99));
        message.setSubject("kind");
        message.setDurable(true);
        message.setPriority((short) 200);
        message.setTtl(5_000);
        message.setUserId("bob".getBytes("UTF-8"));
        message.setGroupId("g1");
        message.setReplyTo("replies");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("colour", "red");
        properties.put("n", 5);
        properties.put("u", UnsignedInteger.valueOf(6));
        properties.put("c", 'z');
        properties.put("sym", Symbol.valueOf("s"));
        properties.put("blob", new Binary(new byte[] {1}));
        properties.put("none", null);
        properties.put("not an identifier", "kept");
        properties.put("JMSXDeliveryCount", 7);
        message.setApplicationProperties(new ApplicationProperties(properties));

        MessageRecord record = decode(message);

        assertThat(record.messageId()).isEqualTo("ID:AMQP_NO_PREFIX:python-1");
        assertThat(record.correlationId()).isEqualTo("ID:AMQP_ULONG:99");
        assertThat(record.type()).isEqualTo("kind");
        assertThat(record.persistent()).isTrue();
        assertThat(record.priority()).isEqualTo(9);
        assertThat(record.expiration()).isEqualTo(NOW + 5_000);
        assertThat(record.timestamp()).isEqualTo(NOW);
        assertThat(record.deliveryTime()).isEqualTo(NOW);
        assertThat(record.replyTo()).isEqualTo(DestinationName.queue("replies"));
        assertThat(record.properties()).containsExactlyInAnyOrderEntriesOf(Map.of("colour", "red", "n", 5, "u", 6L,
                "c", "z", "sym", "s", "not an identifier", "kept", "JMSXUserID", "bob", "JMSXGroupID", "g1"));

        Message jms = jms(record);
        assertThat(jms.getStringProperty("colour")).isEqualTo("red");
        assertThat(jms.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);

        byte[] back = AmqpMessageMapping.toAmqp(record, 1, NOW);
        org.apache.qpid.proton.message.Message out = AmqpMessageMappingTest.decode(back);
        assertThat(out.getMessageId()).isEqualTo("python-1");
        assertThat(out.getCorrelationId()).isEqualTo(UnsignedLong.valueOf(99));
    }

    @Test
    void messageWithoutHeaderIsNonPersistentWithDefaultPriority() {
        MessageRecord record = decode(message(new AmqpValue("x")));
        assertThat(record.persistent()).isFalse();
        assertThat(record.priority()).isEqualTo(4);
        assertThat(record.expiration()).isZero();
        assertThat(record.messageId()).isEqualTo("ID:tern-generated");
    }

    @Test
    void anonymousLinkRoutesByToAndItsPrefixOrAnnotation() {
        org.apache.qpid.proton.message.Message byPrefix = message(new AmqpValue("x"));
        byPrefix.setAddress("topic://prices");
        byte[] wire = Peer.encode(byPrefix);
        assertThat(AmqpMessageMapping.toRecord(wire, 0, wire.length, null, () -> "ID:x", NOW).destination())
                .isEqualTo(DestinationName.topic("prices"));

        org.apache.qpid.proton.message.Message byAnnotation = message(new AmqpValue("x"));
        byAnnotation.setAddress("prices");
        byAnnotation.setMessageAnnotations(new MessageAnnotations(Map.of(Symbol.valueOf("x-opt-jms-dest"), (byte) 1)));
        wire = Peer.encode(byAnnotation);
        assertThat(AmqpMessageMapping.toRecord(wire, 0, wire.length, null, () -> "ID:x", NOW).destination())
                .isEqualTo(DestinationName.topic("prices"));

        org.apache.qpid.proton.message.Message nowhere = message(new AmqpValue("x"));
        byte[] noTo = Peer.encode(nowhere);
        assertThatThrownBy(() -> AmqpMessageMapping.toRecord(noTo, 0, noTo.length, null, () -> "ID:x", NOW))
                .isInstanceOf(AmqpMappingException.class).hasMessageContaining("'to'");
    }

    @Test
    void delayAnnotationSetsDeliveryTimeFromTheBrokerClock() {
        org.apache.qpid.proton.message.Message delayed = message(new AmqpValue("x"));
        delayed.setMessageAnnotations(new MessageAnnotations(Map.of(Symbol.valueOf("x-opt-delivery-delay"), 2_000L)));
        byte[] wire = Peer.encode(delayed);
        assertThat(AmqpMessageMapping.toRecord(wire, 0, wire.length, WORK, () -> "ID:x", NOW).deliveryTime())
                .isEqualTo(NOW + 2_000);
    }

    @Test
    void unknownAnnotationsFooterAndDeliveryAnnotationsAreIgnored() {
        org.apache.qpid.proton.message.Message message = message(new AmqpValue("x"));
        message.setMessageAnnotations(new MessageAnnotations(Map.of(Symbol.valueOf("x-opt-partition-key"), "p",
                Symbol.valueOf("x-opt-jms-msg-type"), (byte) 99)));
        message.setDeliveryAnnotations(new org.apache.qpid.proton.amqp.messaging.DeliveryAnnotations(
                Map.of(Symbol.valueOf("x-opt-anything"), 1)));
        message.setFooter(new org.apache.qpid.proton.amqp.messaging.Footer(Map.of(Symbol.valueOf("hash"), "h")));
        MessageRecord record = decode(message);
        assertThat(record.bodyType()).isEqualTo(BodyType.TEXT);
        assertThat(record.properties()).isEmpty();
    }
}
