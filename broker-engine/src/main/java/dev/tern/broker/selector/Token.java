package dev.tern.broker.selector;

/**
 * One token of a selector.
 *
 * @param kind what the token is
 * @param value the identifier name, the unquoted string, or the number's source text; else the source text
 * @param start 0-based offset of the token's first character in the selector
 * @param end 0-based offset just past the token's last character
 */
record Token(Kind kind, String value, int start, int end) {

    enum Kind {
        IDENTIFIER, STRING, EXACT_NUMBER, APPROXIMATE_NUMBER,
        NOT, AND, OR, BETWEEN, LIKE, IN, IS, NULL, TRUE, FALSE, ESCAPE,
        LEFT_PAREN, RIGHT_PAREN, COMMA, PLUS, MINUS, STAR, SLASH,
        EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL,
        END
    }

    /** The 1-based column of the token's first character. */
    int column() {
        return start + 1;
    }
}
