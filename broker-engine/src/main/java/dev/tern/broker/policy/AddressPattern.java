package dev.tern.broker.policy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A pattern over destination names in the wildcard syntax ActiveMQ users know: names are words
 * separated by dots, {@code *} stands for exactly one word and {@code >} (or {@code #}), allowed only
 * as the last word, for one or more words. {@code orders.>} matches {@code orders.eu} and
 * {@code orders.eu.paid} but not {@code orders}; {@code >} alone matches every name.
 *
 * <p>{@link #SPECIFIC_LAST} orders patterns so that the more specific comes later: more literal
 * words first, then fewer wildcards, with an exact name the most specific of all.
 */
public record AddressPattern(String text) {

    /** Orders patterns from the most general to the most specific. */
    public static final Comparator<AddressPattern> SPECIFIC_LAST = Comparator
            .comparingInt(AddressPattern::literalWords)
            .thenComparing(AddressPattern::isExact)
            .thenComparingInt(pattern -> -pattern.wildcardWords())
            .thenComparing(AddressPattern::text);

    private static final String ONE_WORD = "*";

    public AddressPattern {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("An address pattern must not be empty.");
        }
        List<String> words = Arrays.asList(text.split("\\.", -1));
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.isEmpty()) {
                throw new IllegalArgumentException("Address pattern '" + text + "' has an empty word.");
            }
            if (isTail(word) && i != words.size() - 1) {
                throw new IllegalArgumentException("In address pattern '" + text + "', '" + word
                        + "' may only be the last word.");
            }
        }
    }

    /** True if this pattern matches the destination name. */
    public boolean matches(String name) {
        String[] patternWords = text.split("\\.", -1);
        String[] nameWords = name.split("\\.", -1);
        for (int i = 0; i < patternWords.length; i++) {
            String word = patternWords[i];
            if (isTail(word)) {
                return nameWords.length > i;
            }
            if (i >= nameWords.length || !(word.equals(ONE_WORD) || word.equals(nameWords[i]))) {
                return false;
            }
        }
        return patternWords.length == nameWords.length;
    }

    /**
     * True if this pattern matches every name the other matches: {@code orders.>} covers {@code orders.eu.*},
     * {@code orders.*} does not cover {@code orders.>}.
     */
    public boolean covers(AddressPattern other) {
        String[] mine = text.split("\\.", -1);
        String[] theirs = other.text.split("\\.", -1);
        for (int i = 0; i < mine.length; i++) {
            if (isTail(mine[i])) {
                return theirs.length > i;
            }
            if (i >= theirs.length || isTail(theirs[i])
                    || !(mine[i].equals(ONE_WORD) || mine[i].equals(theirs[i]))) {
                return false;
            }
        }
        return mine.length == theirs.length;
    }

    /** True if some name matches both patterns: {@code orders.*} and {@code *.eu} overlap. */
    public boolean overlaps(AddressPattern other) {
        String[] mine = text.split("\\.", -1);
        String[] theirs = other.text.split("\\.", -1);
        for (int i = 0; i < mine.length && i < theirs.length; i++) {
            if (isTail(mine[i]) || isTail(theirs[i])) {
                return true;
            }
            if (!(mine[i].equals(ONE_WORD) || theirs[i].equals(ONE_WORD) || mine[i].equals(theirs[i]))) {
                return false;
            }
        }
        return mine.length == theirs.length;
    }

    private boolean isExact() {
        return wildcardWords() == 0;
    }

    private int literalWords() {
        return (int) Arrays.stream(text.split("\\.")).filter(word -> !isWildcard(word)).count();
    }

    private int wildcardWords() {
        return (int) Arrays.stream(text.split("\\.")).filter(AddressPattern::isWildcard).count();
    }

    private static boolean isWildcard(String word) {
        return word.equals(ONE_WORD) || isTail(word);
    }

    private static boolean isTail(String word) {
        return word.equals(">") || word.equals("#");
    }

    @Override
    public String toString() {
        return text;
    }
}
