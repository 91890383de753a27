package dev.tern.jms.message;

import dev.tern.protocol.BodyType;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * A message whose body is uninterpreted bytes, written and read as {@link java.io.DataOutputStream}
 * and {@link java.io.DataInputStream} do (big-endian, modified UTF-8 strings).
 *
 * <p>A new or cleared message is in write-only mode; {@link #reset()} and receipt put it in read-only
 * mode. A read that runs past the end throws {@link MessageEOFException} and consumes nothing.
 * {@link #getBody(Class)} returns a copy of the whole body in either mode and leaves the mode and the
 * read position as they were.
 */
public final class TernBytesMessage extends TernMessage implements BytesMessage {

    private ByteArrayOutputStream written = new ByteArrayOutputStream();
    private DataOutputStream writer = new DataOutputStream(written);
    private ByteBuffer reader;

    /** A new, empty message in write-only mode. */
    public TernBytesMessage() {
    }

    // ---- reading ----

    @Override
    public long getBodyLength() throws JMSException {
        checkBodyReadable();
        return reader.limit();
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return take(1).get() != 0;
    }

    @Override
    public byte readByte() throws JMSException {
        return take(1).get();
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return take(1).get() & 0xFF;
    }

    @Override
    public short readShort() throws JMSException {
        return take(2).getShort();
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return take(2).getShort() & 0xFFFF;
    }

    @Override
    public char readChar() throws JMSException {
        return take(2).getChar();
    }

    @Override
    public int readInt() throws JMSException {
        return take(4).getInt();
    }

    @Override
    public long readLong() throws JMSException {
        return take(8).getLong();
    }

    @Override
    public float readFloat() throws JMSException {
        return take(4).getFloat();
    }

    @Override
    public double readDouble() throws JMSException {
        return take(8).getDouble();
    }

    @Override
    public String readUTF() throws JMSException {
        checkBodyReadable();
        int start = reader.position();
        if (reader.remaining() < 2) {
            throw eof(2);
        }
        int length = reader.getShort(start) & 0xFFFF;
        if (reader.remaining() < 2 + length) {
            throw eof(2 + length);
        }
        try {
            String value = DataInputStream.readUTF(new DataInputStream(
                    new ByteArrayInputStream(reader.array(), start, 2 + length)));
            reader.position(start + 2 + length);
            return value;
        } catch (UTFDataFormatException e) {
            MessageFormatException failure = new MessageFormatException("The bytes at position " + start
                    + " are not a modified UTF-8 string: " + e.getMessage());
            failure.setLinkedException(e);
            throw failure;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("length " + length + " is outside 0.." + value.length);
        }
        checkBodyReadable();
        if (!reader.hasRemaining()) {
            return -1;
        }
        int count = Math.min(length, reader.remaining());
        reader.get(value, 0, count);
        return count;
    }

    /** The buffer positioned to read the next {@code count} bytes, or EOF without consuming anything. */
    private ByteBuffer take(int count) throws JMSException {
        checkBodyReadable();
        if (reader.remaining() < count) {
            throw eof(count);
        }
        return reader;
    }

    private MessageEOFException eof(int needed) {
        return new MessageEOFException("Cannot read " + needed + " bytes at position " + reader.position()
                + ": the body has " + reader.limit() + " bytes.");
    }

    // ---- writing ----

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        checkBodyWritable();
        write(() -> writer.writeBoolean(value));
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        checkBodyWritable();
        write(() -> writer.writeByte(value));
    }

    @Override
    public void writeShort(short value) throws JMSException {
        checkBodyWritable();
        write(() -> writer.writeShort(value));
    }

    @Override
    public void writeChar(char value) throws JMSException {
        checkBodyWritable();
        write(() -> writer.writeChar(value));
    }

    @Override
    public void writeInt(int value) throws JMSException {
        checkBodyWritable();
        write(() -> writer.writeInt(value));
    }

    @Override
    public void writeLong(long value) throws JMSException {
        checkBodyWritable();
        write(() -> writer.writeLong(value));
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        checkBodyWritable();
        write(() -> writer.writeFloat(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        checkBodyWritable();
        write(() -> writer.writeDouble(value));
    }

    /** Writes modified UTF-8 with a 2-byte length, as {@link java.io.DataOutput#writeUTF} does. */
    @Override
    public void writeUTF(String value) throws JMSException {
        checkBodyWritable();
        if (value == null) {
            throw new NullPointerException("writeUTF needs a non-null String.");
        }
        try {
            writer.writeUTF(value);
        } catch (UTFDataFormatException e) {
            MessageFormatException failure = new MessageFormatException(
                    "The string is too long for writeUTF (over 65535 encoded bytes).");
            failure.setLinkedException(e);
            throw failure;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        writeBytes(value, 0, value.length);
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        checkBodyWritable();
        write(() -> writer.write(value, offset, length));
    }

    /**
     * Writes a Boolean, Byte, Short, Character, Integer, Long, Float, Double, String (as
     * {@link #writeUTF}) or byte[].
     *
     * @throws NullPointerException if the value is null
     * @throws MessageFormatException for any other type
     */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("BytesMessage.writeObject cannot write null.");
        }
        if (value instanceof Boolean v) {
            writeBoolean(v);
        } else if (value instanceof Byte v) {
            writeByte(v);
        } else if (value instanceof Short v) {
            writeShort(v);
        } else if (value instanceof Character v) {
            writeChar(v);
        } else if (value instanceof Integer v) {
            writeInt(v);
        } else if (value instanceof Long v) {
            writeLong(v);
        } else if (value instanceof Float v) {
            writeFloat(v);
        } else if (value instanceof Double v) {
            writeDouble(v);
        } else if (value instanceof String v) {
            writeUTF(v);
        } else if (value instanceof byte[] v) {
            writeBytes(v);
        } else {
            throw new MessageFormatException("BytesMessage.writeObject cannot write a " + value.getClass().getName()
                    + "; use a boxed primitive, String or byte[].");
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
    }

    // ---- modes and body ----

    /** Puts the body in read-only mode and moves to its start. */
    @Override
    public void reset() {
        if (!isBodyReadOnly()) {
            reader = ByteBuffer.wrap(written.toByteArray());
            written = null;
            writer = null;
            setBodyReadOnly(true);
        } else {
            reader.rewind();
        }
    }

    @Override
    public BodyType bodyType() {
        return BodyType.BYTES;
    }

    @Override
    byte[] encodeBody() {
        return allBytes();
    }

    @Override
    void restoreBody(byte[] body) {
        reader = ByteBuffer.wrap(body);
        written = null;
        writer = null;
    }

    @Override
    void clearBodyContent() {
        reader = null;
        written = new ByteArrayOutputStream();
        writer = new DataOutputStream(written);
    }

    @Override
    Object bodyValue() {
        byte[] bytes = allBytes();
        return bytes.length == 0 ? null : bytes;
    }

    @Override
    String bodySummary() {
        return (isBodyReadOnly() ? "read-only, " : "write-only, ") + allBytesLength() + " bytes";
    }

    private byte[] allBytes() {
        return isBodyReadOnly() ? reader.array().clone() : written.toByteArray();
    }

    private int allBytesLength() {
        return isBodyReadOnly() ? reader.limit() : written.size();
    }
}
