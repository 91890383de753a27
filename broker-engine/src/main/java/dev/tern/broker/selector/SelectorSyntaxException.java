package dev.tern.broker.selector;

/**
 * A message selector that does not follow the selector grammar. The message names the column where
 * parsing failed (1-based character offset into the selector text), what was expected there and what
 * was found, and repeats the selector, for example
 * {@code Invalid selector at column 7: expected ')' but found end of input in: (a = 1}.
 */
public final class SelectorSyntaxException extends Exception {

    private final int column;

    SelectorSyntaxException(String selector, int column, String problem) {
        super("Invalid selector at column " + column + ": " + problem + " in: " + selector);
        this.column = column;
    }

    /** The 1-based character offset into the selector text at which parsing failed. */
    public int column() {
        return column;
    }
}
