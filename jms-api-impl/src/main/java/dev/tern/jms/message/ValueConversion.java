package dev.tern.jms.message;

import jakarta.jms.MessageFormatException;

/**
 * The JMS value conversion tables, shared by message properties, {@code MapMessage} items and
 * {@code StreamMessage} values. A value written as one type may be read as another:
 *
 * <pre>
 * written as | read as: boolean byte short char int long float double String byte[]
 * boolean    |          X                                            X
 * byte       |                 X    X          X   X                 X
 * short      |                      X          X   X                 X
 * char       |                           X                           X
 * int        |                                 X   X                 X
 * long       |                                     X                 X
 * float      |                                          X     X      X
 * double     |                                                X      X
 * String     |          X      X    X          X   X    X     X      X
 * byte[]     |                                                              X
 * </pre>
 *
 * Any other conversion throws {@link MessageFormatException}. A String is parsed with the target
 * type's {@code valueOf(String)}, whose {@link NumberFormatException} propagates. A null value is read
 * exactly as {@code valueOf((String) null)} would read it, as the specification requires: boolean
 * gives false, byte/short/int/long throw NumberFormatException, float/double throw
 * NullPointerException; char throws NullPointerException; String and byte[] give null.
 */
final class ValueConversion {

    private ValueConversion() {
    }

    static boolean toBoolean(Object value, String kind, Object key) throws MessageFormatException {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Boolean.valueOf((String) value);
        }
        throw invalid(value, "boolean", kind, key);
    }

    static byte toByte(Object value, String kind, Object key) throws MessageFormatException {
        if (value instanceof Byte b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Byte.valueOf((String) value);
        }
        throw invalid(value, "byte", kind, key);
    }

    static short toShort(Object value, String kind, Object key) throws MessageFormatException {
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).shortValue();
        }
        if (value == null || value instanceof String) {
            return Short.valueOf((String) value);
        }
        throw invalid(value, "short", kind, key);
    }

    static char toChar(Object value, String kind, Object key) throws MessageFormatException {
        if (value instanceof Character c) {
            return c;
        }
        if (value == null) {
            throw new NullPointerException("The " + describe(kind, key) + " is null, which cannot be read as char.");
        }
        throw invalid(value, "char", kind, key);
    }

    static int toInt(Object value, String kind, Object key) throws MessageFormatException {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value == null || value instanceof String) {
            return Integer.valueOf((String) value);
        }
        throw invalid(value, "int", kind, key);
    }

    static long toLong(Object value, String kind, Object key) throws MessageFormatException {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value == null || value instanceof String) {
            return Long.valueOf((String) value);
        }
        throw invalid(value, "long", kind, key);
    }

    static float toFloat(Object value, String kind, Object key) throws MessageFormatException {
        if (value instanceof Float f) {
            return f;
        }
        if (value == null || value instanceof String) {
            return Float.valueOf((String) value);
        }
        throw invalid(value, "float", kind, key);
    }

    static double toDouble(Object value, String kind, Object key) throws MessageFormatException {
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value == null || value instanceof String) {
            return Double.valueOf((String) value);
        }
        throw invalid(value, "double", kind, key);
    }

    static String toText(Object value, String kind, Object key) throws MessageFormatException {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof byte[]) {
            throw invalid(value, "String", kind, key);
        }
        return value.toString();
    }

    static byte[] toBytes(Object value, String kind, Object key) throws MessageFormatException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        throw invalid(value, "byte[]", kind, key);
    }

    /** True for the value types a map or stream body may hold: the property types, Character and byte[]. */
    static boolean isBodyValue(Object value) {
        return value == null || isPropertyValue(value) || value instanceof Character || value instanceof byte[];
    }

    /** True for the value types a property may hold. */
    static boolean isPropertyValue(Object value) {
        return value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Integer || value instanceof Long || value instanceof Float
                || value instanceof Double || value instanceof String;
    }

    /** The value itself, or a copy if it is a byte array, so callers never share a mutable array. */
    static Object copyOf(Object value) {
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    /** The JMS name of a value's type, for messages. */
    static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[]) {
            return "byte[]";
        }
        return switch (value.getClass().getSimpleName()) {
            case "Boolean" -> "boolean";
            case "Byte" -> "byte";
            case "Short" -> "short";
            case "Character" -> "char";
            case "Integer" -> "int";
            case "Long" -> "long";
            case "Float" -> "float";
            case "Double" -> "double";
            default -> value.getClass().getName();
        };
    }

    private static MessageFormatException invalid(Object value, String target, String kind, Object key) {
        return new MessageFormatException("The " + describe(kind, key) + " holds a " + typeName(value)
                + ", which cannot be read as " + target + " (see the JMS type conversion table).");
    }

    private static String describe(String kind, Object key) {
        return key == null ? kind : kind + " '" + key + "'";
    }
}
