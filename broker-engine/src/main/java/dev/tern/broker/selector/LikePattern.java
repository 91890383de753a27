package dev.tern.broker.selector;

import java.util.Arrays;

/**
 * A compiled LIKE pattern: {@code _} matches any one character, {@code %} any sequence (also empty), and
 * every other character only itself (no regular expressions are involved, so {@code .} or {@code *} are
 * plain characters). Matching works on code points and runs in O(pattern × value) time at worst.
 */
final class LikePattern {

    private static final int ANY_ONE = -1;
    private static final int ANY_SEQUENCE = -2;

    private final String source;
    private final int[] elements;

    private LikePattern(String source, int[] elements) {
        this.source = source;
        this.elements = elements;
    }

    /**
     * Compiles {@code pattern}.
     *
     * @param escape the escape code point, or -1 for none; it may precede {@code _}, {@code %} or itself
     * @throws IllegalArgumentException if an escape character is not followed by one of those
     */
    static LikePattern compile(String pattern, int escape) {
        int[] codePoints = pattern.codePoints().toArray();
        int[] elements = new int[codePoints.length];
        int count = 0;
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            if (c == escape) {
                if (i + 1 == codePoints.length) {
                    throw new IllegalArgumentException("the pattern ends with its escape character");
                }
                int next = codePoints[++i];
                if (next != '_' && next != '%' && next != escape) {
                    throw new IllegalArgumentException("the escape character may only precede '_', '%' or itself,"
                            + " but precedes '" + new String(Character.toChars(next)) + "'");
                }
                elements[count++] = next;
            } else if (c == '_') {
                elements[count++] = ANY_ONE;
            } else if (c == '%') {
                elements[count++] = ANY_SEQUENCE;
            } else {
                elements[count++] = c;
            }
        }
        return new LikePattern(pattern, Arrays.copyOf(elements, count));
    }

    /** Whether the whole of {@code value} matches. */
    boolean matches(String value) {
        int[] text = value.codePoints().toArray();
        int t = 0;
        int p = 0;
        int lastSequence = -1;
        int resumeAt = 0;
        while (t < text.length) {
            if (p < elements.length && (elements[p] == ANY_ONE || elements[p] == text[t])) {
                t++;
                p++;
            } else if (p < elements.length && elements[p] == ANY_SEQUENCE) {
                lastSequence = p++;
                resumeAt = t;
            } else if (lastSequence >= 0) {
                p = lastSequence + 1;
                t = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < elements.length && elements[p] == ANY_SEQUENCE) {
            p++;
        }
        return p == elements.length;
    }

    @Override
    public String toString() {
        return source;
    }
}
