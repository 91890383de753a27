package dev.tern.amqp.message;

import static dev.tern.amqp.message.AmqpMessageMappingTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.TypedValueCodec;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnknownDescribedType;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.Test;

/** Malformed and hostile bytes end in an AmqpMappingException, never another exception, a hang or a huge allocation. */
class AmqpMalformedInputTest {

    static final DestinationName WORK = DestinationName.queue("work");

    static MessageRecord decode(byte[] bytes) {
        return AmqpMessageMapping.toRecord(bytes, 0, bytes.length, WORK, () -> "ID:x", NOW);
    }

    static void assertRefused(byte[] bytes, String reason) {
        assertThatThrownBy(() -> decode(bytes)).isInstanceOf(AmqpMappingException.class).hasMessageContaining(reason);
    }

    /** Bytes of a bare body: amqp-value section (0x00 0x53 0x77) holding {@code value}. */
    static byte[] amqpValue(int... value) {
        byte[] bytes = new byte[3 + value.length];
        bytes[0] = 0x00;
        bytes[1] = 0x53;
        bytes[2] = 0x77;
        for (int i = 0; i < value.length; i++) {
            bytes[3 + i] = (byte) value[i];
        }
        return bytes;
    }

    static byte[] richMessage() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", "two");
        map.put("c", new byte[] {3});
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("p", "q");
        properties.put("JMSXGroupID", "g");
        properties.put("_TERN_DLQ_REASON", "r");
        MessageRecord record = new MessageRecord("ID:AMQP_UUID:00000000-0000-0001-0000-000000000002", WORK, NOW,
                "ID:AMQP_BINARY:0A0B", new DestinationName(DestinationType.TEMPORARY_QUEUE, "temp:r"), "t", true, 6,
                NOW + 1000, NOW + 10, properties, BodyType.MAP, TypedValueCodec.mapToBytes(map));
        return AmqpMessageMapping.toAmqp(record, 2, NOW);
    }

    @Test
    void everyTruncationIsRefusedOrDecodesAPrefix() {
        byte[] wire = richMessage();
        for (int length = 0; length < wire.length; length++) {
            try {
                AmqpMessageMapping.toRecord(wire, 0, length, WORK, () -> "ID:x", NOW);
            } catch (AmqpMappingException expected) {
                assertThat(expected.condition()).isNotBlank();
            } catch (Throwable other) {
                fail("truncation at " + length + " threw " + other, other);
            }
        }
    }

    @Test
    void randomMutationsAreRefusedWithAMappingExceptionOnly() {
        byte[] wire = richMessage();
        Random random = new Random(23);
        for (int round = 0; round < 20_000; round++) {
            byte[] mutated = wire.clone();
            int changes = 1 + random.nextInt(4);
            for (int i = 0; i < changes; i++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                decode(mutated);
            } catch (AmqpMappingException expected) {
                // refused, as it should be
            } catch (Throwable other) {
                fail("round " + round + " threw " + other, other);
            }
        }
    }

    @Test
    void randomBytesAreRefusedWithAMappingExceptionOnly() {
        Random random = new Random(5);
        for (int round = 0; round < 5_000; round++) {
            byte[] bytes = new byte[1 + random.nextInt(64)];
            random.nextBytes(bytes);
            if (random.nextBoolean()) {
                bytes[0] = 0x00;
            }
            try {
                decode(bytes);
            } catch (AmqpMappingException expected) {
                // refused
            } catch (Throwable other) {
                fail("round " + round + " threw " + other, other);
            }
        }
    }

    @Test
    void aHugeDeclaredListCountIsRefusedBeforeDecoding() {
        // list32: size 4, count 2^31-1, and no elements
        assertRefused(amqpValue(0xd0, 0, 0, 0, 4, 0x7f, 0xff, 0xff, 0xff), "count");
        // array32 of two billion nulls in a few bytes
        assertRefused(amqpValue(0xf0, 0, 0, 0, 5, 0x7f, 0xff, 0xff, 0xff, 0x40), "array");
        // map8 with an odd count
        assertRefused(amqpValue(0xc1, 2, 1, 0x40), "odd");
    }

    @Test
    void aSizeBeyondTheGivenBytesIsRefused() {
        assertRefused(amqpValue(0xb0, 0x7f, 0xff, 0xff, 0xff, 1, 2), "size");
        assertRefused(amqpValue(0xa1, 10, 'a'), "bytes");
        // the bytes after the given range are never read
        byte[] wire = amqpValue(0xa1, 3, 'a', 'b', 'c');
        assertThatThrownBy(() -> AmqpMessageMapping.toRecord(wire, 0, wire.length - 1, WORK, () -> "ID:x", NOW))
                .isInstanceOf(AmqpMappingException.class);
    }

    @Test
    void deepNestingIsRefusedInsteadOfOverflowingTheStack() {
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        nested.write(0x00);
        nested.write(0x53);
        nested.write(0x77);
        int depth = 100_000;
        for (int i = 0; i < depth; i++) {
            nested.write(0x00); // described value whose descriptor is a ulong0 ...
            nested.write(0x44);
        }
        nested.write(0x40);
        assertRefused(nested.toByteArray(), "nested");
    }

    @Test
    void aValueThatIsNotASectionIsRefused() {
        assertRefused(new byte[] {(byte) 0xa1, 1, 'x'}, "section");
        assertRefused(new byte[] {0x00, 0x53, (byte) 0x99, 0x40}, "section");
        assertRefused(new byte[] {0x7f}, "type code");
    }

    @Test
    void aSectionAfterTheBodyIsRefused() {
        Message message = Proton.message();
        message.setBody(new AmqpValue("x"));
        byte[] body = Peer.encode(message);
        byte[] twice = new byte[body.length * 2];
        System.arraycopy(body, 0, twice, 0, body.length);
        System.arraycopy(body, 0, twice, body.length, body.length);
        assertRefused(twice, "after the body");
    }

    @Test
    void wrongFieldTypesInAHeaderAreRefused() {
        // header (0x70) as a list8 whose durable field is a string
        assertRefused(new byte[] {0x00, 0x53, 0x70, (byte) 0xc0, 4, 1, (byte) 0xa1, 1, 'x'}, "malformed");
    }

    @Test
    void aMessageIdOfAnotherTypeIsAnInvalidField() {
        Message message = Proton.message();
        message.setMessageId(42);
        message.setBody(new AmqpValue("x"));
        byte[] wire = Peer.encode(message);
        assertThatThrownBy(() -> decode(wire)).isInstanceOfSatisfying(AmqpMappingException.class,
                e -> assertThat(e.condition()).isEqualTo(AmqpMappingException.INVALID_FIELD));
    }

    @Test
    void aDescribedBodyValueIsNotImplemented() {
        Message message = Proton.message();
        message.setBody(new AmqpValue(new UnknownDescribedType(Symbol.valueOf("com.example:thing"), "x")));
        byte[] wire = Peer.encode(message);
        assertThatThrownBy(() -> decode(wire)).isInstanceOfSatisfying(AmqpMappingException.class,
                e -> assertThat(e.condition()).isEqualTo("amqp:not-implemented"));
    }

    @Test
    void aJmsTypeAnnotationThatContradictsTheBodyIsAnInvalidField() {
        Message message = Proton.message();
        message.setMessageAnnotations(new MessageAnnotations(Map.of(Symbol.valueOf("x-opt-jms-msg-type"), (byte) 2)));
        message.setBody(new AmqpValue(List.of(1)));
        byte[] wire = Peer.encode(message);
        assertThatThrownBy(() -> decode(wire)).isInstanceOfSatisfying(AmqpMappingException.class,
                e -> assertThat(e.condition()).isEqualTo(AmqpMappingException.INVALID_FIELD));

        Message text = Proton.message();
        text.setMessageAnnotations(new MessageAnnotations(Map.of(Symbol.valueOf("x-opt-jms-msg-type"), (byte) 5)));
        text.setBody(new Data(new Binary(new byte[] {(byte) 0xff, (byte) 0xfe})));
        byte[] textWire = Peer.encode(text);
        assertThatThrownBy(() -> decode(textWire)).isInstanceOf(AmqpMappingException.class);
    }

    @Test
    void aRangeOutsideTheArrayIsRefused() {
        byte[] wire = amqpValue(0x40);
        assertThatThrownBy(() -> AmqpMessageMapping.toRecord(wire, 2, wire.length, WORK, () -> "ID:x", NOW))
                .isInstanceOf(AmqpMappingException.class);
        assertThatThrownBy(() -> AmqpMessageMapping.toRecord(wire, -1, 2, WORK, () -> "ID:x", NOW))
                .isInstanceOf(AmqpMappingException.class);
        assertThatThrownBy(() -> AmqpMessageMapping.toRecord(null, 0, 0, WORK, () -> "ID:x", NOW))
                .isInstanceOf(AmqpMappingException.class);
    }
}
