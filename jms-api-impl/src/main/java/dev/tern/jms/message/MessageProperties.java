package dev.tern.jms.message;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties of one message: name rules, the read-only state of a received message, and the
 * {@linkplain ValueConversion JMS conversion table} on read.
 *
 * <p>A property name must be a Java identifier, the lexical rule of selector identifiers. A name that
 * spells a selector keyword ({@code NULL}, {@code TRUE}, {@code LIKE}…) is accepted, as Artemis and
 * Classic accept it and the JORAM conformance suite expects; a selector cannot refer to such a
 * property, since the word reads as the keyword there. {@code JMSX} names are accepted, so that applications can copy all properties of a
 * received message into a new one; {@value #DELIVERY_COUNT} is set by Tern on receive and is never
 * sent, whatever the application put there.
 */
final class MessageProperties {

    /** The JMS-defined property that counts deliveries; set by the provider on receive. */
    static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private static final String KIND = "property";

    private final Map<String, Object> values = new LinkedHashMap<>();
    private boolean readOnly;
    private int receivedDeliveryCount;

    /** Fills the properties of a received message and makes them read-only. */
    void restore(Map<String, Object> received, int deliveryCount) {
        values.clear();
        values.putAll(received);
        receivedDeliveryCount = deliveryCount;
        values.put(DELIVERY_COUNT, deliveryCount);
        readOnly = true;
    }

    /**
     * Removes all properties and makes them writable. A received message keeps its
     * {@value #DELIVERY_COUNT}: it describes this delivery, not the message's content, as the
     * JMSRedelivered header does.
     */
    void clear() {
        values.clear();
        if (receivedDeliveryCount > 0) {
            values.put(DELIVERY_COUNT, receivedDeliveryCount);
        }
        readOnly = false;
    }

    void set(String name, Object value) throws MessageNotWriteableException, MessageFormatException {
        checkName(name);
        if (readOnly) {
            throw new MessageNotWriteableException("The properties of a received message are read-only; "
                    + "call clearProperties() before setting property '" + name + "'.");
        }
        if (value != null && !ValueConversion.isPropertyValue(value)) {
            throw new MessageFormatException("Property '" + name + "' cannot hold a " + value.getClass().getName()
                    + "; property values must be Boolean, Byte, Short, Integer, Long, Float, Double or String.");
        }
        values.put(name, value);
    }

    Object get(String name) {
        return values.get(name);
    }

    boolean exists(String name) {
        return name != null && values.containsKey(name);
    }

    boolean getBoolean(String name) throws MessageFormatException {
        return ValueConversion.toBoolean(values.get(name), KIND, name);
    }

    byte getByte(String name) throws MessageFormatException {
        return ValueConversion.toByte(values.get(name), KIND, name);
    }

    short getShort(String name) throws MessageFormatException {
        return ValueConversion.toShort(values.get(name), KIND, name);
    }

    int getInt(String name) throws MessageFormatException {
        return ValueConversion.toInt(values.get(name), KIND, name);
    }

    long getLong(String name) throws MessageFormatException {
        return ValueConversion.toLong(values.get(name), KIND, name);
    }

    float getFloat(String name) throws MessageFormatException {
        return ValueConversion.toFloat(values.get(name), KIND, name);
    }

    double getDouble(String name) throws MessageFormatException {
        return ValueConversion.toDouble(values.get(name), KIND, name);
    }

    String getString(String name) throws MessageFormatException {
        return ValueConversion.toText(values.get(name), KIND, name);
    }

    Enumeration<String> names() {
        return Collections.enumeration(new ArrayList<>(values.keySet()));
    }

    int size() {
        return values.size();
    }

    /** The properties to send: all but the per-delivery {@value #DELIVERY_COUNT}. */
    Map<String, Object> forRecord() {
        if (!values.containsKey(DELIVERY_COUNT)) {
            return values;
        }
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.remove(DELIVERY_COUNT);
        return copy;
    }

    /**
     * Checks that a property name is lexically a selector identifier.
     *
     * @throws IllegalArgumentException if the name is null, empty or not a Java identifier
     */
    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A property name must not be null or empty.");
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            throw new IllegalArgumentException("Property name '" + name + "' is not a valid selector identifier: "
                    + "it must start with a letter, '_' or '$'.");
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                throw new IllegalArgumentException("Property name '" + name + "' is not a valid selector "
                        + "identifier: character '" + name.charAt(i) + "' is not a letter, digit, '_' or '$'.");
            }
        }
    }
}
