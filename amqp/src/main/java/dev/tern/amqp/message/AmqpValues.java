package dev.tern.amqp.message;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Decimal128;
import org.apache.qpid.proton.amqp.Decimal32;
import org.apache.qpid.proton.amqp.Decimal64;
import org.apache.qpid.proton.amqp.DescribedType;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedByte;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.UnsignedShort;

/**
 * Conversions between AMQP values (as Proton-J decodes them) and the value types JMS allows in properties
 * and in map and stream bodies. {@code docs/amqp-mapping.md} has the table.
 */
final class AmqpValues {

    /** Returned for a value that has no JMS counterpart. */
    static final Object UNREPRESENTABLE = new Object();

    private AmqpValues() {
    }

    /**
     * The JMS property value of an AMQP application-property value: JMS types pass; unsigned integers widen
     * (a ulong beyond the long range becomes its decimal string); char, symbol and uuid become strings;
     * timestamp becomes epoch milliseconds. Null, binary, decimals, lists, maps, arrays and described
     * values are {@link #UNREPRESENTABLE}.
     */
    static Object toPropertyValue(Object value) {
        if (value instanceof Character c) {
            return c.toString();
        }
        Object converted = toScalar(value);
        return converted instanceof byte[] ? UNREPRESENTABLE : converted;
    }

    /**
     * The JMS map or stream body value of an AMQP value: as for properties, but char stays a Character,
     * binary becomes byte[] and null stays null.
     */
    static Object toBodyValue(Object value) {
        if (value == null || value instanceof Character) {
            return value;
        }
        return toScalar(value);
    }

    private static Object toScalar(Object value) {
        if (value instanceof String || value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Integer || value instanceof Long || value instanceof Float
                || value instanceof Double) {
            return value;
        }
        if (value instanceof UnsignedByte u) {
            return u.shortValue();
        }
        if (value instanceof UnsignedShort u) {
            return u.intValue();
        }
        if (value instanceof UnsignedInteger u) {
            return u.longValue();
        }
        if (value instanceof UnsignedLong u) {
            return u.longValue() >= 0 ? (Object) u.longValue() : u.toString();
        }
        if (value instanceof Symbol s) {
            return s.toString();
        }
        if (value instanceof UUID u) {
            return u.toString();
        }
        if (value instanceof Date d) {
            return d.getTime();
        }
        if (value instanceof Binary b) {
            return toBytes(b);
        }
        return UNREPRESENTABLE;
    }

    static byte[] toBytes(Binary binary) {
        byte[] bytes = new byte[binary.getLength()];
        System.arraycopy(binary.getArray(), binary.getArrayOffset(), bytes, 0, bytes.length);
        return bytes;
    }

    /** The map body of an AMQP map whose keys are strings or symbols and whose values are JMS values; else null. */
    static Map<String, Object> toBodyMap(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object key = entry.getKey();
            if (!(key instanceof String || key instanceof Symbol)) {
                return null;
            }
            Object value = toBodyValue(entry.getValue());
            if (value == UNREPRESENTABLE) {
                return null;
            }
            result.put(key.toString(), value);
        }
        return result;
    }

    /** The stream body of an AMQP list whose elements are JMS values; else null. */
    static List<Object> toBodyList(List<?> list) {
        List<Object> result = new ArrayList<>(list.size());
        for (Object element : list) {
            Object value = toBodyValue(element);
            if (value == UNREPRESENTABLE) {
                return null;
            }
            result.add(value);
        }
        return result;
    }

    /** An outgoing map or stream body value: byte[] becomes binary, the rest are AMQP types already. */
    static Object toAmqpBodyValue(Object value) {
        return value instanceof byte[] bytes ? new Binary(bytes) : value;
    }

    /**
     * An AMQP value as plain JDK objects, for an ObjectMessage body: maps become LinkedHashMap, lists and
     * arrays ArrayList, binary byte[], symbols String, unsigned integers the next wider signed type (ulong
     * BigInteger), decimals BigDecimal.
     *
     * @throws AmqpMappingException for a described value, which has no Java counterpart
     */
    static Object toJava(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(toJava(k), toJava(v)));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            list.forEach(v -> result.add(toJava(v)));
            return result;
        }
        if (value != null && value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> result = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                result.add(toJava(Array.get(value, i)));
            }
            return result;
        }
        if (value instanceof UnsignedLong u) {
            return u.bigIntegerValue();
        }
        if (value instanceof Decimal32 d) {
            return new java.math.BigDecimal(Float.toString(d.floatValue()));
        }
        if (value instanceof Decimal64 d) {
            return java.math.BigDecimal.valueOf(d.doubleValue());
        }
        if (value instanceof Decimal128 d) {
            return java.math.BigDecimal.valueOf(d.doubleValue());
        }
        if (value instanceof DescribedType described) {
            throw new AmqpMappingException("amqp:not-implemented",
                    "a described value (descriptor " + described.getDescriptor() + ") in the body", null);
        }
        if (value instanceof Date || value instanceof UUID || value instanceof Character) {
            return value;
        }
        Object scalar = toBodyValue(value);
        if (scalar == UNREPRESENTABLE) {
            throw new AmqpMappingException("amqp:not-implemented",
                    "an AMQP value of type " + value.getClass().getSimpleName() + " in the body", null);
        }
        return scalar;
    }
}
