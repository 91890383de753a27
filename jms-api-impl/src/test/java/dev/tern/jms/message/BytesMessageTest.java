package dev.tern.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class BytesMessageTest {

    @Test
    void everyTypeReadsBackAsWritten() throws Exception {
        TernBytesMessage message = new TernBytesMessage();
        message.writeBoolean(true);
        message.writeByte((byte) -2);
        message.writeByte((byte) -2);
        message.writeShort((short) -3);
        message.writeShort((short) -3);
        message.writeChar('Ω');
        message.writeInt(Integer.MIN_VALUE);
        message.writeLong(Long.MAX_VALUE);
        message.writeFloat(1.25f);
        message.writeDouble(-2.5);
        message.writeUTF("héllo\u0000");
        message.writeBytes(new byte[] {1, 2, 3, 4}, 1, 2);
        message.reset();

        assertThat(message.readBoolean()).isTrue();
        assertThat(message.readByte()).isEqualTo((byte) -2);
        assertThat(message.readUnsignedByte()).isEqualTo(254);
        assertThat(message.readShort()).isEqualTo((short) -3);
        assertThat(message.readUnsignedShort()).isEqualTo(65533);
        assertThat(message.readChar()).isEqualTo('Ω');
        assertThat(message.readInt()).isEqualTo(Integer.MIN_VALUE);
        assertThat(message.readLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(message.readFloat()).isEqualTo(1.25f);
        assertThat(message.readDouble()).isEqualTo(-2.5);
        assertThat(message.readUTF()).isEqualTo("héllo\u0000");
        byte[] rest = new byte[10];
        assertThat(message.readBytes(rest)).isEqualTo(2);
        assertThat(rest[0]).isEqualTo((byte) 2);
        assertThat(rest[1]).isEqualTo((byte) 3);
    }

    @Test
    void encodingMatchesDataOutputStream() throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(expected);
        data.writeInt(42);
        data.writeUTF("ab");
        data.writeDouble(0.5);
        TernBytesMessage message = Messages.addressed(new TernBytesMessage());
        message.writeInt(42);
        message.writeUTF("ab");
        message.writeDouble(0.5);

        assertThat(message.toRecord().body()).isEqualTo(expected.toByteArray());
    }

    @Test
    void readBytesFillsTheBufferThenReturnsTheRestThenMinusOne() throws Exception {
        TernBytesMessage message = new TernBytesMessage();
        message.writeBytes(new byte[] {1, 2, 3, 4, 5});
        message.reset();
        byte[] buffer = new byte[2];

        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(3, 4);
        assertThat(message.readBytes(buffer)).isEqualTo(1);
        assertThat(buffer[0]).isEqualTo((byte) 5);
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
    }

    @Test
    void readBytesWithLengthReadsAtMostLength() throws Exception {
        TernBytesMessage message = new TernBytesMessage();
        message.writeBytes(new byte[] {1, 2, 3});
        message.reset();
        byte[] buffer = new byte[10];

        assertThat(message.readBytes(buffer, 2)).isEqualTo(2);
        assertThat(message.readBytes(buffer, 10)).isEqualTo(1);
        assertThat(buffer[0]).isEqualTo((byte) 3);
        assertThat(message.readBytes(buffer, 10)).isEqualTo(-1);
        assertThatThrownBy(() -> message.readBytes(buffer, 11)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> message.readBytes(buffer, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void readPastTheEndThrowsEofAndConsumesNothing() throws Exception {
        TernBytesMessage message = new TernBytesMessage();
        message.writeShort((short) 7);
        message.writeByte((byte) 1);
        message.reset();

        assertThatThrownBy(message::readInt).isInstanceOf(MessageEOFException.class);
        assertThatThrownBy(message::readLong).isInstanceOf(MessageEOFException.class);
        assertThat(message.readShort()).isEqualTo((short) 7);
        assertThatThrownBy(message::readChar).isInstanceOf(MessageEOFException.class);
        assertThat(message.readByte()).isEqualTo((byte) 1);
        assertThatThrownBy(message::readBoolean).isInstanceOf(MessageEOFException.class);
        assertThatThrownBy(message::readUTF).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void truncatedUtfThrowsEof() throws Exception {
        TernBytesMessage message = new TernBytesMessage();
        message.writeShort((short) 10);
        message.writeByte((byte) 'a');
        message.reset();

        assertThatThrownBy(message::readUTF).isInstanceOf(MessageEOFException.class);
        assertThat(message.readShort()).isEqualTo((short) 10);
    }

    @Test
    void bodyLengthOnlyInReadMode() throws Exception {
        TernBytesMessage message = new TernBytesMessage();
        message.writeLong(1);

        assertThatThrownBy(message::getBodyLength).isInstanceOf(MessageNotReadableException.class);
        assertThatThrownBy(message::readByte).isInstanceOf(MessageNotReadableException.class);
        message.reset();
        assertThat(message.getBodyLength()).isEqualTo(8);
    }

    @Test
    void resetMakesTheBodyReadOnlyAndRewinds() throws Exception {
        TernBytesMessage message = new TernBytesMessage();
        message.writeInt(5);
        message.reset();
        assertThat(message.readInt()).isEqualTo(5);

        assertThatThrownBy(() -> message.writeInt(6)).isInstanceOf(MessageNotWriteableException.class);
        message.reset();
        assertThat(message.readInt()).isEqualTo(5);
    }

    @Test
    void clearBodyEmptiesAndReturnsToWriteMode() throws Exception {
        TernBytesMessage message = new TernBytesMessage();
        message.writeInt(5);
        message.reset();

        message.clearBody();

        assertThatThrownBy(message::readInt).isInstanceOf(MessageNotReadableException.class);
        message.writeByte((byte) 9);
        message.reset();
        assertThat(message.getBodyLength()).isEqualTo(1);
    }

    @Test
    void writeObjectAcceptsOnlyWrapperTypesStringAndBytes() throws Exception {
        TernBytesMessage message = new TernBytesMessage();
        message.writeObject(1);
        message.writeObject("s");
        message.writeObject(new byte[] {7});
        message.writeObject('c');

        assertThatThrownBy(() -> message.writeObject(new Object())).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.writeObject(null)).isInstanceOf(NullPointerException.class);
        message.reset();
        assertThat(message.readInt()).isEqualTo(1);
        assertThat(message.readUTF()).isEqualTo("s");
        assertThat(message.readByte()).isEqualTo((byte) 7);
        assertThat(message.readChar()).isEqualTo('c');
    }

    @Test
    void receivedBodyIsReadableAndReadOnly() throws Exception {
        TernBytesMessage sent = Messages.addressed(new TernBytesMessage());
        sent.writeInt(77);
        TernBytesMessage received = Messages.roundTrip(sent);

        assertThat(received.getBodyLength()).isEqualTo(4);
        assertThat(received.readInt()).isEqualTo(77);
        assertThatThrownBy(() -> received.writeInt(1)).isInstanceOf(MessageNotWriteableException.class);
    }

    @Test
    void sentMessageStaysWritableAfterToRecord() throws Exception {
        TernBytesMessage message = Messages.addressed(new TernBytesMessage());
        message.writeByte((byte) 1);
        message.toRecord();

        message.writeByte((byte) 2);

        assertThat(message.toRecord().body()).containsExactly(1, 2);
    }
}
