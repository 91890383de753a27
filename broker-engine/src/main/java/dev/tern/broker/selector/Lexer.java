package dev.tern.broker.selector;

import dev.tern.broker.selector.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a selector into tokens. Keywords are recognised case-insensitively; identifiers keep their case.
 * Numbers are checked for shape here and converted to values by the parser, which knows their sign.
 */
final class Lexer {

    private static final Map<String, Kind> KEYWORDS = Map.ofEntries(
            Map.entry("NOT", Kind.NOT), Map.entry("AND", Kind.AND), Map.entry("OR", Kind.OR),
            Map.entry("BETWEEN", Kind.BETWEEN), Map.entry("LIKE", Kind.LIKE), Map.entry("IN", Kind.IN),
            Map.entry("IS", Kind.IS), Map.entry("NULL", Kind.NULL), Map.entry("TRUE", Kind.TRUE),
            Map.entry("FALSE", Kind.FALSE), Map.entry("ESCAPE", Kind.ESCAPE));

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(String text) {
        this.text = text;
    }

    /** The tokens of {@code text}, ending with one {@link Kind#END} token. */
    static List<Token> tokenize(String text) throws SelectorSyntaxException {
        Lexer lexer = new Lexer(text);
        lexer.run();
        return lexer.tokens;
    }

    private void run() throws SelectorSyntaxException {
        while (true) {
            skipWhitespace();
            if (pos >= text.length()) {
                tokens.add(new Token(Kind.END, "", pos, pos));
                return;
            }
            char c = text.charAt(pos);
            if (c == '\'') {
                string();
            } else if (isDigit(c) || (c == '.' && isDigit(charAt(pos + 1)))) {
                number();
            } else if (Character.isJavaIdentifierStart(text.codePointAt(pos))) {
                word();
            } else {
                symbol(c);
            }
        }
    }

    /** Java white space as the spec defines it: space, tab, form feed and line terminators. */
    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\f' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void string() throws SelectorSyntaxException {
        int start = pos;
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw error(start, "string literal is not terminated (missing closing ')");
            }
            char c = text.charAt(pos++);
            if (c == '\'') {
                if (charAt(pos) != '\'') {
                    break;
                }
                pos++;
            }
            value.append(c);
        }
        tokens.add(new Token(Kind.STRING, value.toString(), start, pos));
    }

    /**
     * Java integer literals (decimal, hex {@code 0x}, octal with a leading 0, optional {@code L}) and Java
     * decimal floating-point literals (fraction and/or exponent, optional {@code F}/{@code D}).
     */
    private void number() throws SelectorSyntaxException {
        int start = pos;
        boolean approximate = false;
        if (charAt(pos) == '0' && (charAt(pos + 1) == 'x' || charAt(pos + 1) == 'X')) {
            pos += 2;
            int digits = pos;
            while (Character.digit(charAt(pos), 16) >= 0) {
                pos++;
            }
            if (pos == digits) {
                throw error(pos, "expected hexadecimal digits after '0x' but found " + describeChar(pos));
            }
            skipIf('l', 'L');
        } else {
            skipDigits();
            if (charAt(pos) == '.') {
                approximate = true;
                pos++;
                skipDigits();
            }
            if (charAt(pos) == 'e' || charAt(pos) == 'E') {
                approximate = true;
                pos++;
                skipIf('+', '-');
                if (!isDigit(charAt(pos))) {
                    throw error(pos, "expected digits in the exponent but found " + describeChar(pos));
                }
                skipDigits();
            }
            if (skipIf('f', 'F') || skipIf('d', 'D')) {
                approximate = true;
            } else if (!approximate) {
                skipIf('l', 'L');
            }
        }
        if (pos < text.length()
                && (charAt(pos) == '.' || Character.isJavaIdentifierPart(text.codePointAt(pos)))) {
            throw error(pos, "unexpected " + describeChar(pos) + " after the number "
                    + text.substring(start, pos));
        }
        tokens.add(new Token(approximate ? Kind.APPROXIMATE_NUMBER : Kind.EXACT_NUMBER,
                text.substring(start, pos), start, pos));
    }

    private void word() {
        int start = pos;
        pos += Character.charCount(text.codePointAt(pos));
        while (pos < text.length() && Character.isJavaIdentifierPart(text.codePointAt(pos))) {
            pos += Character.charCount(text.codePointAt(pos));
        }
        String word = text.substring(start, pos);
        Kind keyword = KEYWORDS.get(word.toUpperCase(Locale.ROOT));
        tokens.add(new Token(keyword == null ? Kind.IDENTIFIER : keyword, word, start, pos));
    }

    private void symbol(char c) throws SelectorSyntaxException {
        switch (c) {
            case '(':
                single(Kind.LEFT_PAREN);
                return;
            case ')':
                single(Kind.RIGHT_PAREN);
                return;
            case ',':
                single(Kind.COMMA);
                return;
            case '+':
                single(Kind.PLUS);
                return;
            case '-':
                single(Kind.MINUS);
                return;
            case '*':
                single(Kind.STAR);
                return;
            case '/':
                single(Kind.SLASH);
                return;
            case '=':
                single(Kind.EQUAL);
                return;
            case '<':
                if (charAt(pos + 1) == '=') {
                    pair(Kind.LESS_OR_EQUAL);
                } else if (charAt(pos + 1) == '>') {
                    pair(Kind.NOT_EQUAL);
                } else {
                    single(Kind.LESS);
                }
                return;
            case '>':
                if (charAt(pos + 1) == '=') {
                    pair(Kind.GREATER_OR_EQUAL);
                } else {
                    single(Kind.GREATER);
                }
                return;
            default:
                throw error(pos, "unexpected " + describeChar(pos));
        }
    }

    private void single(Kind kind) {
        tokens.add(new Token(kind, text.substring(pos, pos + 1), pos, pos + 1));
        pos++;
    }

    private void pair(Kind kind) {
        tokens.add(new Token(kind, text.substring(pos, pos + 2), pos, pos + 2));
        pos += 2;
    }

    private void skipDigits() {
        while (isDigit(charAt(pos))) {
            pos++;
        }
    }

    private boolean skipIf(char lower, char upper) {
        char c = charAt(pos);
        if (c == lower || c == upper) {
            pos++;
            return true;
        }
        return false;
    }

    /** The character at {@code index}, or NUL past the end so callers need no bounds checks. */
    private char charAt(int index) {
        return index < text.length() ? text.charAt(index) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String describeChar(int index) {
        if (index >= text.length()) {
            return "end of input";
        }
        return "character '" + new String(Character.toChars(text.codePointAt(index))) + "'";
    }

    private SelectorSyntaxException error(int index, String problem) {
        return new SelectorSyntaxException(text, index + 1, problem);
    }
}
