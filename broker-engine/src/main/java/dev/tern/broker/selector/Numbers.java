package dev.tern.broker.selector;

import dev.tern.broker.selector.Node.ArithmeticOperator;
import dev.tern.broker.selector.Node.ComparisonOperator;

/**
 * Numeric promotion for selector values. Exact numbers are carried as {@code Long} and approximate ones as
 * {@code Double}; an operation stays in {@code long} (wrapping on overflow, truncating division, as Java
 * does) unless one operand is a {@code Double}, when both are widened to {@code double}.
 */
final class Numbers {

    private Numbers() {
    }

    /**
     * A property value in the evaluator's representation: byte, short, int and long become Long, float and
     * double become Double, String and Boolean stay; anything else (not a JMS property type) becomes null.
     */
    static Object normalize(Object value) {
        if (value instanceof Long || value instanceof Double || value instanceof String
                || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return null;
    }

    /** {@code left op right}, or null if either side is not a number or the divisor is zero. */
    static Object arithmetic(ArithmeticOperator operator, Object left, Object right) {
        if (left instanceof Long a && right instanceof Long b) {
            return exact(operator, a, b);
        }
        if (left instanceof Number a && right instanceof Number b) {
            return approximate(operator, a.doubleValue(), b.doubleValue());
        }
        return null;
    }

    /** {@code -value} or {@code +value}, or null if it is not a number. */
    static Object sign(boolean negative, Object value) {
        if (value instanceof Long l) {
            return negative ? -l : l;
        }
        if (value instanceof Double d) {
            return negative ? -d : d;
        }
        return null;
    }

    /** Compares two numbers with Java's primitive operators after promotion. */
    static boolean compare(ComparisonOperator operator, Number left, Number right) {
        if (left instanceof Long a && right instanceof Long b) {
            long x = a;
            long y = b;
            switch (operator) {
                case EQUAL:
                    return x == y;
                case NOT_EQUAL:
                    return x != y;
                case LESS:
                    return x < y;
                case LESS_OR_EQUAL:
                    return x <= y;
                case GREATER:
                    return x > y;
                default:
                    return x >= y;
            }
        }
        double x = left.doubleValue();
        double y = right.doubleValue();
        switch (operator) {
            case EQUAL:
                return x == y;
            case NOT_EQUAL:
                return x != y;
            case LESS:
                return x < y;
            case LESS_OR_EQUAL:
                return x <= y;
            case GREATER:
                return x > y;
            default:
                return x >= y;
        }
    }

    private static Long exact(ArithmeticOperator operator, long a, long b) {
        switch (operator) {
            case ADD:
                return a + b;
            case SUBTRACT:
                return a - b;
            case MULTIPLY:
                return a * b;
            default:
                return b == 0 ? null : a / b;
        }
    }

    private static Double approximate(ArithmeticOperator operator, double a, double b) {
        switch (operator) {
            case ADD:
                return a + b;
            case SUBTRACT:
                return a - b;
            case MULTIPLY:
                return a * b;
            default:
                return b == 0.0 ? null : a / b;
        }
    }
}
