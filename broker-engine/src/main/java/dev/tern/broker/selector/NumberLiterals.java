package dev.tern.broker.selector;

import java.math.BigInteger;

/** Converts number literals, whose shape the lexer has already checked, to their values. */
final class NumberLiterals {

    private NumberLiterals() {
    }

    /**
     * A Java integer literal: decimal, hex ({@code 0x}) or octal (leading {@code 0}), optional {@code L}.
     * A decimal literal must fit a signed long after the sign is applied, so {@code -9223372036854775808}
     * is accepted; a hex or octal one may use all 64 bits, as in Java.
     *
     * @throws IllegalArgumentException saying why the literal is invalid
     */
    static long exact(String source, boolean negative) {
        String digits = source;
        if (digits.endsWith("l") || digits.endsWith("L")) {
            digits = digits.substring(0, digits.length() - 1);
        }
        int radix = 10;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.charAt(0) == '0') {
            radix = 8;
            digits = digits.substring(1);
        }
        BigInteger magnitude;
        try {
            magnitude = new BigInteger(digits, radix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid octal number '" + source + "' (a leading 0 means octal)");
        }
        if (radix == 10) {
            BigInteger value = negative ? magnitude.negate() : magnitude;
            if (value.bitLength() > 63) {
                throw outOfRange(source, "long");
            }
            return value.longValue();
        }
        if (magnitude.bitLength() > 64) {
            throw outOfRange(source, "long");
        }
        long bits = magnitude.longValue();
        return negative ? -bits : bits;
    }

    /**
     * A Java decimal floating-point literal; an {@code F} suffix rounds it to float precision first.
     *
     * @throws IllegalArgumentException if it overflows its type
     */
    static double approximate(String source) {
        char last = source.charAt(source.length() - 1);
        boolean isFloat = last == 'f' || last == 'F';
        double value = isFloat ? Float.parseFloat(source) : Double.parseDouble(source);
        if (Double.isInfinite(value)) {
            throw outOfRange(source, isFloat ? "float" : "double");
        }
        return value;
    }

    private static IllegalArgumentException outOfRange(String source, String type) {
        return new IllegalArgumentException("number '" + source + "' is out of the range of " + type);
    }
}
