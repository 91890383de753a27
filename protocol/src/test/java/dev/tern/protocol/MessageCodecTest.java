package dev.tern.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static MessageRecord fullRecord() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("flag", true);
        properties.put("b", (byte) 1);
        properties.put("s", (short) 2);
        properties.put("i", 3);
        properties.put("l", 4L);
        properties.put("f", 5.5f);
        properties.put("d", 6.25);
        properties.put("text", "ünïcode ✓");
        properties.put("nothing", null);
        return new MessageRecord("ID:abc", DestinationName.queue("orders"), 1_700_000_000_000L, "corr",
                new DestinationName(DestinationType.TEMPORARY_TOPIC, "replies"), "type", true, 7,
                1_700_000_060_000L, 1_700_000_001_000L, properties, BodyType.BYTES, new byte[] {1, 2, 3});
    }

    @Test
    void everyFieldSurvivesARoundTrip() {
        MessageRecord record = fullRecord();
        MessageRecord decoded = MessageCodec.decode(MessageCodec.encode(record));
        assertThat(decoded).isEqualTo(record);
        assertThat(decoded.properties()).containsExactlyEntriesOf(record.properties());
        assertThat(decoded.replyTo()).isEqualTo(record.replyTo());
    }

    @Test
    void nullHeadersAndEmptyBodySurvive() {
        MessageRecord minimal = new MessageRecord(null, DestinationName.topic("t"), 0, null, null, null, false, 0, 0, 0,
                null, BodyType.NONE, null);
        assertThat(MessageCodec.decode(MessageCodec.encode(minimal))).isEqualTo(minimal);
    }

    @Test
    void everyTruncationIsRejectedAsCorrupt() {
        byte[] bytes = MessageCodec.encode(fullRecord());
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> MessageCodec.decode(truncated))
                    .as("truncated to %d bytes", length)
                    .isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    void aCorruptBodyLengthIsRejectedWithoutAllocatingIt() {
        byte[] bytes = MessageCodec.encode(fullRecord());
        int bodyLengthAt = bytes.length - 3 - 4;
        bytes[bodyLengthAt] = 0x7f;
        assertThatThrownBy(() -> MessageCodec.decode(bytes)).hasRootCauseMessage("declared length 2130706435 exceeds the 3 bytes left");
    }

    @Test
    void unknownVersionAndTagsAreRejected() {
        byte[] bytes = MessageCodec.encode(fullRecord());
        byte[] badVersion = bytes.clone();
        badVersion[0] = 9;
        assertThatThrownBy(() -> MessageCodec.decode(badVersion)).hasRootCauseMessage("unsupported message format version 9");
        byte[] badBodyType = bytes.clone();
        badBodyType[3] = 42;
        assertThatThrownBy(() -> MessageCodec.decode(badBodyType)).hasRootCauseMessage("unknown body type 42");
    }

    @Test
    void recordCopiesItsBodyAndProperties() {
        byte[] body = {1, 2};
        Map<String, Object> properties = new LinkedHashMap<>(Map.of("k", 1));
        MessageRecord record = new MessageRecord(null, DestinationName.queue("q"), 0, null, null, null, false, 4, 0, 0,
                properties, BodyType.BYTES, body);
        body[0] = 9;
        properties.put("k", 2);
        assertThat(record.body()).containsExactly(1, 2);
        assertThat(record.properties()).containsEntry("k", 1);
        assertThatThrownBy(() -> record.properties().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void priorityOutsideZeroToNineIsRefused() {
        assertThatThrownBy(() -> new MessageRecord(null, DestinationName.queue("q"), 0, null, null, null, false, 10, 0, 0,
                null, BodyType.NONE, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 9");
    }

    @Test
    void mapAndListBodiesRoundTripWithEveryValueType() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("bytes", new byte[] {7});
        map.put("char", 'x');
        map.put("null", null);
        Map<String, Object> decoded = TypedValueCodec.mapFromBytes(TypedValueCodec.mapToBytes(map));
        assertThat(decoded.keySet()).containsExactly("bytes", "char", "null");
        assertThat((byte[]) decoded.get("bytes")).containsExactly(7);
        assertThat(decoded.get("char")).isEqualTo('x');

        List<Object> list = Arrays.asList(1, "two", 3.0, null, false);
        assertThat(TypedValueCodec.listFromBytes(TypedValueCodec.listToBytes(list))).isEqualTo(list);
        assertThat(TypedValueCodec.mapFromBytes(new byte[0])).isEmpty();
        assertThat(TypedValueCodec.listFromBytes(new byte[0])).isEmpty();
    }

    @Test
    void valuesOfOtherTypesAreRefused() {
        assertThatThrownBy(() -> TypedValueCodec.listToBytes(List.of(new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
    }
}
