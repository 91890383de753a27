package dev.tern.jms.message;

import dev.tern.protocol.BodyType;
import dev.tern.protocol.TypedValueCodec;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.StreamMessage;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A message whose body is a sequence of typed values, written and read in order through the
 * {@linkplain ValueConversion JMS conversion table}.
 *
 * <p>A new or cleared message is in write-only mode; {@link #reset()} and receipt put it in read-only
 * mode. A read that fails (MessageFormatException, NumberFormatException, NullPointerException or
 * MessageEOFException) does not move past the value, so the value can be read again as another type.
 * A byte array value can be read in chunks with {@link #readBytes(byte[])}; until the last chunk has
 * been read, any other read throws MessageFormatException. {@code getBody} is not supported for
 * stream messages.
 */
public final class TernStreamMessage extends TernMessage implements StreamMessage {

    private List<Object> values = new ArrayList<>();
    private int next;
    private byte[] bytesInProgress;
    private int bytesOffset;

    /** A new, empty message in write-only mode. */
    public TernStreamMessage() {
    }

    // ---- reading ----

    @Override
    public boolean readBoolean() throws JMSException {
        boolean value = ValueConversion.toBoolean(peek(), where(), null);
        next++;
        return value;
    }

    @Override
    public byte readByte() throws JMSException {
        byte value = ValueConversion.toByte(peek(), where(), null);
        next++;
        return value;
    }

    @Override
    public short readShort() throws JMSException {
        short value = ValueConversion.toShort(peek(), where(), null);
        next++;
        return value;
    }

    @Override
    public char readChar() throws JMSException {
        char value = ValueConversion.toChar(peek(), where(), null);
        next++;
        return value;
    }

    @Override
    public int readInt() throws JMSException {
        int value = ValueConversion.toInt(peek(), where(), null);
        next++;
        return value;
    }

    @Override
    public long readLong() throws JMSException {
        long value = ValueConversion.toLong(peek(), where(), null);
        next++;
        return value;
    }

    @Override
    public float readFloat() throws JMSException {
        float value = ValueConversion.toFloat(peek(), where(), null);
        next++;
        return value;
    }

    @Override
    public double readDouble() throws JMSException {
        double value = ValueConversion.toDouble(peek(), where(), null);
        next++;
        return value;
    }

    @Override
    public String readString() throws JMSException {
        String value = ValueConversion.toText(peek(), where(), null);
        next++;
        return value;
    }

    /** The next value in its written type; byte arrays are returned as a new copy. */
    @Override
    public Object readObject() throws JMSException {
        Object value = ValueConversion.copyOf(peek());
        next++;
        return value;
    }

    /**
     * Reads the next byte array value, or the next chunk of it. Returns the number of bytes copied;
     * a count less than the buffer length ends the value, and if the last chunk exactly filled the
     * buffer the following call returns -1. A null value reads as -1, an empty one as 0.
     */
    @Override
    public int readBytes(byte[] buffer) throws JMSException {
        checkBodyReadable();
        if (bytesInProgress == null) {
            if (next >= values.size()) {
                throw endOfStream();
            }
            Object value = values.get(next);
            if (value == null) {
                next++;
                return -1;
            }
            if (!(value instanceof byte[] bytes)) {
                throw new MessageFormatException("The " + where() + " holds a " + ValueConversion.typeName(value)
                        + ", which cannot be read as byte[] (see the JMS type conversion table).");
            }
            bytesInProgress = bytes;
            bytesOffset = 0;
        }
        int remaining = bytesInProgress.length - bytesOffset;
        if (remaining == 0 && bytesOffset > 0) {
            finishBytes();
            return -1;
        }
        int count = Math.min(remaining, buffer.length);
        System.arraycopy(bytesInProgress, bytesOffset, buffer, 0, count);
        bytesOffset += count;
        if (count < buffer.length || bytesInProgress.length == 0) {
            finishBytes();
        }
        return count;
    }

    private void finishBytes() {
        bytesInProgress = null;
        bytesOffset = 0;
        next++;
    }

    /** The next value without consuming it. */
    private Object peek() throws JMSException {
        checkBodyReadable();
        if (bytesInProgress != null) {
            throw new MessageFormatException("The byte array " + where() + " is partly read; call readBytes "
                    + "until it returns less than the buffer length, or -1, before reading the next value.");
        }
        if (next >= values.size()) {
            throw endOfStream();
        }
        return values.get(next);
    }

    private String where() {
        return "stream value #" + (next + 1);
    }

    private MessageEOFException endOfStream() {
        return new MessageEOFException("The end of the stream has been reached: it holds " + values.size()
                + " values.");
    }

    // ---- writing ----

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        append(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        append(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        append(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        append(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        append(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        append(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        append(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        append(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        append(value);
    }

    /** Writes a copy of the array as one value; null writes a null value. */
    @Override
    public void writeBytes(byte[] value) throws JMSException {
        append(value == null ? null : value.clone());
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        checkBodyWritable();
        byte[] copy = new byte[length];
        System.arraycopy(value, offset, copy, 0, length);
        append(copy);
    }

    /**
     * Writes a Boolean, Byte, Short, Character, Integer, Long, Float, Double, String, a copy of a
     * byte[], or null.
     *
     * @throws MessageFormatException for any other type
     */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (!ValueConversion.isBodyValue(value)) {
            throw new MessageFormatException("StreamMessage.writeObject cannot write a " + value.getClass().getName()
                    + "; use a boxed primitive, Character, String or byte[].");
        }
        append(ValueConversion.copyOf(value));
    }

    private void append(Object value) throws JMSException {
        checkBodyWritable();
        values.add(value);
    }

    // ---- modes and body ----

    /** Puts the body in read-only mode and moves to the first value. */
    @Override
    public void reset() {
        setBodyReadOnly(true);
        next = 0;
        bytesInProgress = null;
        bytesOffset = 0;
    }

    @Override
    public BodyType bodyType() {
        return BodyType.STREAM;
    }

    @Override
    byte[] encodeBody() throws JMSException {
        try {
            return TypedValueCodec.listToBytes(values);
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException("The stream body cannot be encoded: " + e.getMessage());
        }
    }

    @Override
    void restoreBody(byte[] body) {
        try {
            values = TypedValueCodec.listFromBytes(body);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("Corrupt STREAM body of " + body.length + " bytes", e);
        }
        next = 0;
        bytesInProgress = null;
        bytesOffset = 0;
    }

    @Override
    void clearBodyContent() {
        values = new ArrayList<>();
        next = 0;
        bytesInProgress = null;
        bytesOffset = 0;
    }

    /** Always fails: JMS defines no {@code getBody} for stream messages. */
    @Override
    Object bodyValue() throws JMSException {
        throw new MessageFormatException("getBody is not supported for a StreamMessage; read it with readObject().");
    }

    @Override
    String bodySummary() {
        return (isBodyReadOnly() ? "read-only, " : "write-only, ") + values.size() + " values";
    }
}
