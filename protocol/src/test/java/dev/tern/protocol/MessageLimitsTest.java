package dev.tern.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one message may carry when read with limits: refused naming the limit and its setting, before decoding the excess. */
class MessageLimitsTest {

    private static final MessageLimits LIMITS = new MessageLimits(10, 1_000, 100);

    private static MessageRecord message(int properties, int propertySize, int bodySize) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < properties; i++) {
            map.put("p" + i, "x".repeat(propertySize));
        }
        return new MessageRecord("ID:1", DestinationName.queue("orders"), 0, null, null, null, false, 4, 0, 0, map,
                BodyType.BYTES, new byte[bodySize]);
    }

    private static MessageRecord read(byte[] bytes, MessageLimits limits) throws IOException {
        return MessageCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)), limits);
    }

    @Test
    void aMessageWithinTheLimitsReadsAsWithout() throws IOException {
        MessageRecord message = message(10, 50, 100);
        assertThat(read(MessageCodec.encode(message), LIMITS)).isEqualTo(message);
    }

    @Test
    void morePropertiesThanAllowedAreRefusedBeforeAnyIsRead() throws IOException {
        byte[] encoded = MessageCodec.encode(message(0, 0, 0));
        int countAt = encoded.length - 4 - 4;
        byte[] claimsTwoBillion = Arrays.copyOf(encoded, countAt + 4);
        claimsTwoBillion[countAt] = 0x77;
        assertThatThrownBy(() -> read(claimsTwoBillion, MessageLimits.NONE)).as("without limits it starts reading them")
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> read(claimsTwoBillion, LIMITS))
                .isInstanceOf(MessageTooLargeException.class)
                .hasMessage("The message has 1996488704 properties, more than this broker's maxMessageProperties of 10.");
    }

    @Test
    void headersAndPropertiesLargerThanAllowedAreRefused() {
        assertThatThrownBy(() -> read(MessageCodec.encode(message(5, 300, 0)), LIMITS))
                .isInstanceOf(MessageTooLargeException.class)
                .hasMessage("The message's headers and properties take more than this broker's maxMessageHeaderSize "
                        + "of 1000 bytes.");
    }

    @Test
    void aLongHeaderAloneIsRefusedToo() {
        MessageRecord longCorrelationId = new MessageRecord(null, DestinationName.queue("q"), 0, "c".repeat(2_000),
                null, null, false, 4, 0, 0, null, BodyType.NONE, null);
        assertThatThrownBy(() -> read(MessageCodec.encode(longCorrelationId), LIMITS))
                .hasMessageContaining("maxMessageHeaderSize of 1000 bytes");
    }

    @Test
    void aBodyLargerThanAllowedIsRefusedBeforeItIsRead() {
        byte[] encoded = MessageCodec.encode(message(0, 0, 101));
        byte[] withoutTheBody = Arrays.copyOf(encoded, encoded.length - 101);
        assertThatThrownBy(() -> read(withoutTheBody, LIMITS))
                .isInstanceOf(MessageTooLargeException.class)
                .hasMessage("The message's body of 101 bytes exceeds this broker's maxMessageBodySize of 100 bytes.");
    }

    @Test
    void theDefaultsLeaveRoomForAnyOrdinaryMessage() throws IOException {
        assertThat(MessageLimits.DEFAULT).isEqualTo(new MessageLimits(4_096, 1024 * 1024, 16 * 1024 * 1024));
        MessageRecord ordinary = message(200, 100, 1 << 20);
        assertThat(read(MessageCodec.encode(ordinary), MessageLimits.DEFAULT)).isEqualTo(ordinary);
    }

    @Test
    void everyLimitMustBePositive() {
        assertThatThrownBy(() -> new MessageLimits(0, 1, 1)).hasMessageContaining("maxMessageProperties");
        assertThatThrownBy(() -> LIMITS.withMaxHeaderSize(-1)).hasMessageContaining("maxMessageHeaderSize");
        assertThatThrownBy(() -> LIMITS.withMaxBodySize(0)).hasMessageContaining("maxMessageBodySize");
        assertThat(LIMITS.withMaxProperties(3).maxProperties()).isEqualTo(3);
    }

    @Test
    void theJournalReadsWithoutLimits() {
        MessageRecord big = message(20, 100, 1_000);
        assertThat(MessageCodec.decode(MessageCodec.encode(big))).isEqualTo(big);
    }
}
