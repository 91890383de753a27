package dev.tern.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.jms.message.ConversionTable.JmsType;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StreamMessageTest {

    private interface Reader {
        Object read(TernStreamMessage message) throws JMSException;
    }

    private static final Map<JmsType, Reader> READERS = Map.of(
            JmsType.BOOLEAN, TernStreamMessage::readBoolean,
            JmsType.BYTE, TernStreamMessage::readByte,
            JmsType.SHORT, TernStreamMessage::readShort,
            JmsType.CHAR, TernStreamMessage::readChar,
            JmsType.INT, TernStreamMessage::readInt,
            JmsType.LONG, TernStreamMessage::readLong,
            JmsType.FLOAT, TernStreamMessage::readFloat,
            JmsType.DOUBLE, TernStreamMessage::readDouble,
            JmsType.STRING, TernStreamMessage::readString,
            JmsType.BYTES, StreamMessageTest::readWholeBytes);

    private static byte[] readWholeBytes(TernStreamMessage message) throws JMSException {
        byte[] buffer = new byte[100];
        int count = message.readBytes(buffer);
        return count < 0 ? null : Arrays.copyOf(buffer, count);
    }

    static List<Arguments> cells() {
        return ConversionTable.cells(ConversionTable.BODIES);
    }

    @ParameterizedTest(name = "{0} read as {1}: allowed={2}")
    @MethodSource("cells")
    void streamReadFollowsTheJmsConversionTable(JmsType written, JmsType read, boolean allowed) throws Exception {
        Object value = ConversionTable.sample(written, read);
        TernStreamMessage sent = Messages.addressed(new TernStreamMessage());
        sent.writeObject(value);
        sent.writeString("after");
        TernStreamMessage local = Messages.addressed(new TernStreamMessage());
        local.writeObject(value);
        local.writeString("after");
        local.reset();

        for (TernStreamMessage message : List.of(local, Messages.roundTrip(sent))) {
            if (allowed) {
                assertThat(READERS.get(read).read(message)).isEqualTo(ConversionTable.expected(value, read));
            } else {
                assertThatThrownBy(() -> READERS.get(read).read(message))
                        .isInstanceOf(MessageFormatException.class)
                        .hasMessageContaining("#1");
                // a failed read does not consume the value
                assertThat(message.readObject()).isEqualTo(value);
            }
            assertThat(message.readString()).isEqualTo("after");
        }
    }

    @Test
    void failedParseDoesNotAdvance() throws Exception {
        TernStreamMessage message = new TernStreamMessage();
        message.writeString("not a number");
        message.reset();

        assertThatThrownBy(message::readInt).isInstanceOf(NumberFormatException.class);
        assertThat(message.readString()).isEqualTo("not a number");
    }

    @Test
    void nullValueReadsAsValueOfNull() throws Exception {
        TernStreamMessage message = new TernStreamMessage();
        message.writeString(null);
        message.writeObject(null);
        message.writeBytes(null);
        message.reset();

        assertThatThrownBy(message::readInt).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(message::readChar).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(message::readDouble).isInstanceOf(NullPointerException.class);
        assertThat(message.readString()).isNull();
        assertThat(message.readBoolean()).isFalse();
        assertThat(message.readBytes(new byte[4])).isEqualTo(-1);
        assertThatThrownBy(message::readObject).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void readBytesReturnsChunksThenMinusOneWhenTheLastChunkFilledTheBuffer() throws Exception {
        TernStreamMessage message = new TernStreamMessage();
        message.writeBytes(new byte[] {1, 2, 3, 4});
        message.writeInt(5);
        message.reset();
        byte[] buffer = new byte[2];

        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(1, 2);
        assertThatThrownBy(message::readInt).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("partly read");
        assertThatThrownBy(message::readObject).isInstanceOf(MessageFormatException.class);
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(3, 4);
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
        assertThat(message.readInt()).isEqualTo(5);
    }

    @Test
    void readBytesEndsTheFieldWithAShortChunk() throws Exception {
        TernStreamMessage message = new TernStreamMessage();
        message.writeBytes(new byte[] {1, 2, 3, 4, 5}, 1, 3);
        message.writeBytes(new byte[0]);
        message.writeBytes(new byte[] {7});
        message.reset();
        byte[] buffer = new byte[2];

        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(2, 3);
        assertThat(message.readBytes(buffer)).isEqualTo(1);
        assertThat(buffer[0]).isEqualTo((byte) 4);
        assertThat(message.readBytes(buffer)).as("empty array").isZero();
        assertThat(message.readObject()).isEqualTo(new byte[] {7});
        assertThatThrownBy(() -> message.readBytes(buffer)).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void consecutiveByteArraysAreDistinctValues() throws Exception {
        TernStreamMessage message = new TernStreamMessage();
        message.writeBytes(new byte[] {1});
        message.writeBytes(new byte[] {2});
        message.reset();

        assertThat((byte[]) message.readObject()).containsExactly(1);
        assertThat((byte[]) message.readObject()).containsExactly(2);
    }

    @Test
    void endOfStreamThrowsEofEveryTime() throws Exception {
        TernStreamMessage message = new TernStreamMessage();
        message.writeInt(1);
        message.reset();

        assertThat(message.readInt()).isEqualTo(1);
        assertThatThrownBy(message::readInt).isInstanceOf(MessageEOFException.class);
        assertThatThrownBy(message::readString).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void resetRereadsFromTheStart() throws Exception {
        TernStreamMessage message = new TernStreamMessage();
        message.writeLong(1L);
        message.writeBytes(new byte[] {1, 2, 3});
        message.reset();
        message.readLong();
        message.readBytes(new byte[1]);

        message.reset();

        assertThat(message.readLong()).isEqualTo(1L);
        assertThat(message.readObject()).isEqualTo(new byte[] {1, 2, 3});
    }

    @Test
    void writeModeAndReadModeAreEnforced() throws Exception {
        TernStreamMessage message = new TernStreamMessage();
        message.writeInt(1);

        assertThatThrownBy(message::readInt).isInstanceOf(MessageNotReadableException.class);
        message.reset();
        assertThatThrownBy(() -> message.writeInt(2)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> message.writeObject("x")).isInstanceOf(MessageNotWriteableException.class);

        message.clearBody();

        assertThatThrownBy(message::readInt).isInstanceOf(MessageNotReadableException.class);
        message.writeInt(3);
        message.reset();
        assertThat(message.readInt()).isEqualTo(3);
        assertThatThrownBy(message::readInt).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void receivedStreamIsInReadModeUntilClearBody() throws Exception {
        TernStreamMessage sent = Messages.addressed(new TernStreamMessage());
        sent.writeInt(1);
        TernStreamMessage received = Messages.roundTrip(sent);

        assertThat(received.readInt()).isEqualTo(1);
        assertThatThrownBy(() -> received.writeInt(2)).isInstanceOf(MessageNotWriteableException.class);

        received.clearBody();
        received.writeInt(2);
        assertThatThrownBy(received::readInt).isInstanceOf(MessageNotReadableException.class);
    }

    @Test
    void writtenArraysAreCopied() throws Exception {
        TernStreamMessage message = new TernStreamMessage();
        byte[] bytes = {1};
        message.writeBytes(bytes);
        message.writeObject(bytes);
        bytes[0] = 9;
        message.reset();

        assertThat((byte[]) message.readObject()).containsExactly(1);
        assertThat((byte[]) message.readObject()).containsExactly(1);
    }

    @Test
    void writeObjectRejectsNonJmsTypes() {
        TernStreamMessage message = new TernStreamMessage();

        assertThatThrownBy(() -> message.writeObject(new StringBuilder("x")))
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("StringBuilder");
    }
}
