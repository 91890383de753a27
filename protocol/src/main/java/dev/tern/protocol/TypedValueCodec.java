package dev.tern.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary encoding of the value types JMS allows in properties, map bodies and stream bodies.
 *
 * <p>Each value is one tag byte followed by its payload:
 * <table>
 *   <caption>Value tags</caption>
 *   <tr><th>tag</th><th>type</th><th>payload</th></tr>
 *   <tr><td>0</td><td>null</td><td>none</td></tr>
 *   <tr><td>1</td><td>Boolean</td><td>1 byte, 0 or 1</td></tr>
 *   <tr><td>2</td><td>Byte</td><td>1 byte</td></tr>
 *   <tr><td>3</td><td>Short</td><td>2 bytes, big-endian</td></tr>
 *   <tr><td>4</td><td>Character</td><td>2 bytes, big-endian</td></tr>
 *   <tr><td>5</td><td>Integer</td><td>4 bytes, big-endian</td></tr>
 *   <tr><td>6</td><td>Long</td><td>8 bytes, big-endian</td></tr>
 *   <tr><td>7</td><td>Float</td><td>4 bytes, IEEE 754</td></tr>
 *   <tr><td>8</td><td>Double</td><td>8 bytes, IEEE 754</td></tr>
 *   <tr><td>9</td><td>String</td><td>4-byte length, then that many UTF-8 bytes</td></tr>
 *   <tr><td>10</td><td>byte[]</td><td>4-byte length, then the bytes</td></tr>
 * </table>
 * A map is a 4-byte count followed by that many (string name, value) pairs; a list is a 4-byte
 * count followed by that many values.
 */
public final class TypedValueCodec {

    private static final int NULL = 0;
    private static final int BOOLEAN = 1;
    private static final int BYTE = 2;
    private static final int SHORT = 3;
    private static final int CHAR = 4;
    private static final int INT = 5;
    private static final int LONG = 6;
    private static final int FLOAT = 7;
    private static final int DOUBLE = 8;
    private static final int STRING = 9;
    private static final int BYTES = 10;

    private TypedValueCodec() {
    }

    /** Writes one value with its tag. */
    public static void writeValue(DataOutput out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (value instanceof Byte b) {
            out.writeByte(BYTE);
            out.writeByte(b);
        } else if (value instanceof Short s) {
            out.writeByte(SHORT);
            out.writeShort(s);
        } else if (value instanceof Character c) {
            out.writeByte(CHAR);
            out.writeChar(c);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeFloat(f);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            writeString(out, s);
        } else if (value instanceof byte[] bytes) {
            out.writeByte(BYTES);
            out.writeInt(bytes.length);
            out.write(bytes);
        } else {
            throw new IllegalArgumentException("not a JMS value type: " + value.getClass().getName());
        }
    }

    /** Reads one tagged value. */
    public static Object readValue(DataInput in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NULL -> null;
            case BOOLEAN -> in.readBoolean();
            case BYTE -> in.readByte();
            case SHORT -> in.readShort();
            case CHAR -> in.readChar();
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case FLOAT -> in.readFloat();
            case DOUBLE -> in.readDouble();
            case STRING -> readString(in);
            case BYTES -> readBytes(in);
            default -> throw new IOException("unknown value tag " + tag);
        };
    }

    /** Writes a string as a 4-byte length and UTF-8 bytes; null is written as length -1. */
    public static void writeString(DataOutput out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** Reads what {@link #writeString} wrote. */
    public static String readString(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        checkAvailable(in, length);
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("negative byte array length " + length);
        }
        checkAvailable(in, length);
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /**
     * Refuses a declared length longer than what is left to read, so that a corrupt length cannot make
     * a reader allocate gigabytes. Only streams that know what is left (in-memory ones) are checked. The
     * input ends before the value does, so this is an {@link EOFException}.
     */
    static void checkAvailable(DataInput in, int length) throws IOException {
        if (in instanceof DataInputStream stream && stream.available() < length) {
            throw new EOFException("declared length " + length + " exceeds the " + stream.available()
                    + " bytes left");
        }
    }

    /** Writes a map of names to values. */
    public static void writeMap(DataOutput out, Map<String, Object> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, Object> e : map.entrySet()) {
            writeString(out, e.getKey());
            writeValue(out, e.getValue());
        }
    }

    /** Reads a map written by {@link #writeMap}, keeping its order. */
    public static Map<String, Object> readMap(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("negative map size " + count);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            map.put(readString(in), readValue(in));
        }
        return map;
    }

    /** Writes a list of values. */
    public static void writeList(DataOutput out, List<Object> values) throws IOException {
        out.writeInt(values.size());
        for (Object value : values) {
            writeValue(out, value);
        }
    }

    /** Reads a list written by {@link #writeList}. */
    public static List<Object> readList(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("negative list size " + count);
        }
        List<Object> values = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            values.add(readValue(in));
        }
        return values;
    }

    /** A map encoded as a standalone byte array. */
    public static byte[] mapToBytes(Map<String, Object> map) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeMap(out, map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The map in a byte array made by {@link #mapToBytes}; an empty array is an empty map. */
    public static Map<String, Object> mapFromBytes(byte[] bytes) {
        if (bytes.length == 0) {
            return new LinkedHashMap<>();
        }
        try {
            return readMap(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt map body", e);
        }
    }

    /** A list encoded as a standalone byte array. */
    public static byte[] listToBytes(List<Object> values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeList(out, values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The list in a byte array made by {@link #listToBytes}; an empty array is an empty list. */
    public static List<Object> listFromBytes(byte[] bytes) {
        if (bytes.length == 0) {
            return new ArrayList<>();
        }
        try {
            return readList(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt stream body", e);
        }
    }
}
