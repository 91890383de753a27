package dev.tern.jms.message;

import dev.tern.protocol.BodyType;
import dev.tern.protocol.TypedValueCodec;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message whose body maps names to values: boxed primitives, Character, String, byte[] or null.
 * Items are read through the {@linkplain ValueConversion JMS conversion table}; byte arrays are copied
 * in and out. Entries keep their insertion order, though JMS leaves the order undefined.
 * {@link #getBody(Class)} returns a new {@code Map} with the entries.
 */
public final class TernMapMessage extends TernMessage implements MapMessage {

    private static final String KIND = "map item";

    private Map<String, Object> entries = new LinkedHashMap<>();

    /** A new, empty, writable message. */
    public TernMapMessage() {
    }

    // ---- reading ----

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return ValueConversion.toBoolean(entries.get(name), KIND, name);
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return ValueConversion.toByte(entries.get(name), KIND, name);
    }

    @Override
    public short getShort(String name) throws JMSException {
        return ValueConversion.toShort(entries.get(name), KIND, name);
    }

    @Override
    public char getChar(String name) throws JMSException {
        return ValueConversion.toChar(entries.get(name), KIND, name);
    }

    @Override
    public int getInt(String name) throws JMSException {
        return ValueConversion.toInt(entries.get(name), KIND, name);
    }

    @Override
    public long getLong(String name) throws JMSException {
        return ValueConversion.toLong(entries.get(name), KIND, name);
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return ValueConversion.toFloat(entries.get(name), KIND, name);
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return ValueConversion.toDouble(entries.get(name), KIND, name);
    }

    @Override
    public String getString(String name) throws JMSException {
        return ValueConversion.toText(entries.get(name), KIND, name);
    }

    @Override
    public byte[] getBytes(String name) throws JMSException {
        return ValueConversion.toBytes(entries.get(name), KIND, name);
    }

    @Override
    public Object getObject(String name) {
        return ValueConversion.copyOf(entries.get(name));
    }

    @Override
    public Enumeration<String> getMapNames() {
        return Collections.enumeration(new ArrayList<>(entries.keySet()));
    }

    @Override
    public boolean itemExists(String name) {
        return name != null && entries.containsKey(name);
    }

    // ---- writing ----

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    /** Stores a copy of the array, or null. */
    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value == null ? null : value.clone());
    }

    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        checkName(name);
        byte[] copy = new byte[length];
        System.arraycopy(value, offset, copy, 0, length);
        put(name, copy);
    }

    /**
     * Stores a Boolean, Byte, Short, Character, Integer, Long, Float, Double, String, a copy of a
     * byte[], or null.
     *
     * @throws MessageFormatException for any other type
     */
    @Override
    public void setObject(String name, Object value) throws JMSException {
        checkName(name);
        if (!ValueConversion.isBodyValue(value)) {
            throw new MessageFormatException("Map item '" + name + "' cannot hold a " + value.getClass().getName()
                    + "; use a boxed primitive, Character, String or byte[].");
        }
        put(name, ValueConversion.copyOf(value));
    }

    private void put(String name, Object value) throws JMSException {
        checkName(name);
        checkBodyWritable();
        entries.put(name, value);
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A MapMessage item name must not be null or empty.");
        }
    }

    // ---- body ----

    @Override
    public BodyType bodyType() {
        return BodyType.MAP;
    }

    @Override
    byte[] encodeBody() throws JMSException {
        try {
            return TypedValueCodec.mapToBytes(entries);
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException("The map body cannot be encoded: " + e.getMessage());
        }
    }

    @Override
    void restoreBody(byte[] body) {
        try {
            entries = TypedValueCodec.mapFromBytes(body);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("Corrupt MAP body of " + body.length + " bytes", e);
        }
    }

    @Override
    void clearBodyContent() {
        entries = new LinkedHashMap<>();
    }

    @Override
    Object bodyValue() {
        if (entries.isEmpty()) {
            return null;
        }
        Map<String, Object> copy = new HashMap<>();
        entries.forEach((name, value) -> copy.put(name, ValueConversion.copyOf(value)));
        return copy;
    }

    @Override
    Class<?> bodyClass(Object body) {
        return Map.class;
    }

    @Override
    String bodySummary() {
        return entries.size() + " map entries";
    }
}
