package dev.tern.jms.message;

import static dev.tern.jms.message.ConversionTable.JmsType.BOOLEAN;
import static dev.tern.jms.message.ConversionTable.JmsType.BYTE;
import static dev.tern.jms.message.ConversionTable.JmsType.BYTES;
import static dev.tern.jms.message.ConversionTable.JmsType.CHAR;
import static dev.tern.jms.message.ConversionTable.JmsType.DOUBLE;
import static dev.tern.jms.message.ConversionTable.JmsType.FLOAT;
import static dev.tern.jms.message.ConversionTable.JmsType.INT;
import static dev.tern.jms.message.ConversionTable.JmsType.LONG;
import static dev.tern.jms.message.ConversionTable.JmsType.SHORT;
import static dev.tern.jms.message.ConversionTable.JmsType.STRING;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The JMS conversion tables as data, transcribed from the Message, MapMessage and StreamMessage
 * Javadoc: a value written as the key type may be read as each type in its set.
 */
final class ConversionTable {

    enum JmsType { BOOLEAN, BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE, STRING, BYTES }

    /** Message properties: no char, no byte[]. */
    static final Map<JmsType, Set<JmsType>> PROPERTIES = Map.of(
            BOOLEAN, EnumSet.of(BOOLEAN, STRING),
            BYTE, EnumSet.of(BYTE, SHORT, INT, LONG, STRING),
            SHORT, EnumSet.of(SHORT, INT, LONG, STRING),
            INT, EnumSet.of(INT, LONG, STRING),
            LONG, EnumSet.of(LONG, STRING),
            FLOAT, EnumSet.of(FLOAT, DOUBLE, STRING),
            DOUBLE, EnumSet.of(DOUBLE, STRING),
            STRING, EnumSet.of(BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, STRING));

    /** MapMessage and StreamMessage bodies. */
    static final Map<JmsType, Set<JmsType>> BODIES = Map.of(
            BOOLEAN, EnumSet.of(BOOLEAN, STRING),
            BYTE, EnumSet.of(BYTE, SHORT, INT, LONG, STRING),
            SHORT, EnumSet.of(SHORT, INT, LONG, STRING),
            CHAR, EnumSet.of(CHAR, STRING),
            INT, EnumSet.of(INT, LONG, STRING),
            LONG, EnumSet.of(LONG, STRING),
            FLOAT, EnumSet.of(FLOAT, DOUBLE, STRING),
            DOUBLE, EnumSet.of(DOUBLE, STRING),
            STRING, EnumSet.of(BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, STRING),
            BYTES, EnumSet.of(BYTES));

    private ConversionTable() {
    }

    /** Every (written, read, allowed) cell of a table. */
    static List<Arguments> cells(Map<JmsType, Set<JmsType>> table) {
        List<Arguments> cells = new ArrayList<>();
        for (JmsType written : JmsType.values()) {
            if (!table.containsKey(written)) {
                continue;
            }
            for (JmsType read : JmsType.values()) {
                if (table.containsKey(read)) {
                    cells.add(Arguments.of(written, read, table.get(written).contains(read)));
                }
            }
        }
        return cells;
    }

    /** A sample value of the written type; a String is chosen so that it parses as the read type. */
    static Object sample(JmsType written, JmsType read) {
        return switch (written) {
            case BOOLEAN -> true;
            case BYTE -> (byte) 7;
            case SHORT -> (short) 300;
            case CHAR -> 'c';
            case INT -> 70_000;
            case LONG -> 5_000_000_000L;
            case FLOAT -> 1.5f;
            case DOUBLE -> 2.25;
            case BYTES -> new byte[] {1, 2, 3};
            case STRING -> switch (read) {
                case BOOLEAN -> "true";
                case BYTE, SHORT, INT, LONG -> "12";
                case FLOAT, DOUBLE -> "1.5";
                default -> "text";
            };
        };
    }

    /** What reading the value as the read type must give, computed through the String form. */
    static Object expected(Object written, JmsType read) {
        if (read == BYTES || read == CHAR) {
            return written;
        }
        String text = String.valueOf(written);
        return switch (read) {
            case BOOLEAN -> Boolean.valueOf(text);
            case BYTE -> Byte.valueOf(text);
            case SHORT -> Short.valueOf(text);
            case INT -> Integer.valueOf(text);
            case LONG -> Long.valueOf(text);
            case FLOAT -> Float.valueOf(text);
            case DOUBLE -> Double.valueOf(text);
            default -> text;
        };
    }
}
