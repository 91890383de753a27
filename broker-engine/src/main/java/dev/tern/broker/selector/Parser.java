package dev.tern.broker.selector;

import dev.tern.broker.selector.Node.ArithmeticOperator;
import dev.tern.broker.selector.Node.ComparisonOperator;
import dev.tern.broker.selector.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the selector grammar, lowest precedence first:
 *
 * <pre>
 * selector       = or END                      (must be a condition)
 * or             = and { OR and }
 * and            = not { AND not }
 * not            = NOT not | predicate
 * predicate      = additive [ compare-op additive
 *                           | [NOT] BETWEEN additive AND additive
 *                           | [NOT] LIKE string [ESCAPE string]
 *                           | [NOT] IN '(' string { ',' string } ')'
 *                           | IS [NOT] NULL ]
 * additive       = multiplicative { ('+' | '-') multiplicative }
 * multiplicative = unary { ('*' | '/') unary }
 * unary          = ('+' | '-') unary | primary
 * primary        = literal | identifier | '(' or ')'
 * </pre>
 *
 * Binary operators are left-associative; comparisons do not chain. Nesting is bounded ({@link #MAX_NESTING},
 * {@link #MAX_DEPTH}) so that neither parsing nor evaluation can overflow the stack. Operand types are checked where they
 * are known before any message is seen (literals, arithmetic and conditions), for every operator including
 * {@code =} and {@code <>}; identifiers are checked only at evaluation time.
 */
final class Parser {

    /** What an expression is known to produce before evaluation; a CONDITION is a boolean value. */
    private enum StaticType {
        CONDITION("boolean"), NUMBER("number"), STRING("string"), ANY("value");

        private final String noun;

        StaticType(String noun) {
            this.noun = noun;
        }
    }

    /** How deeply parentheses, NOT and unary signs may nest. */
    static final int MAX_NESTING = 100;
    /** How deep the finished tree may be; long AND/OR chains are flat and do not count. */
    static final int MAX_DEPTH = 400;

    private final String text;
    private final List<Token> tokens;
    private int index;
    private int nesting;

    private Parser(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    /** Parses a non-blank selector into its tree. */
    static Node parse(String text) throws SelectorSyntaxException {
        return new Parser(text, Lexer.tokenize(text)).selector();
    }

    private Node selector() throws SelectorSyntaxException {
        Token first = peek();
        Node node = or();
        if (peek().kind() != Kind.END) {
            throw error(peek(), "expected AND, OR or end of input but found " + describe(peek()));
        }
        requireCondition(node, first);
        if (TreeDepth.of(node) > MAX_DEPTH) {
            throw error(first, "expected an expression tree at most " + MAX_DEPTH
                    + " levels deep but found a deeper one");
        }
        return node;
    }

    private Node or() throws SelectorSyntaxException {
        Token start = peek();
        Node first = and();
        if (peek().kind() != Kind.OR) {
            return first;
        }
        requireCondition(first, start);
        List<Node> operands = new ArrayList<>(List.of(first));
        while (accept(Kind.OR)) {
            Token operandStart = peek();
            Node operand = and();
            requireCondition(operand, operandStart);
            operands.add(operand);
        }
        return new Node.Or(operands);
    }

    private Node and() throws SelectorSyntaxException {
        Token start = peek();
        Node first = not();
        if (peek().kind() != Kind.AND) {
            return first;
        }
        requireCondition(first, start);
        List<Node> operands = new ArrayList<>(List.of(first));
        while (accept(Kind.AND)) {
            Token operandStart = peek();
            Node operand = not();
            requireCondition(operand, operandStart);
            operands.add(operand);
        }
        return new Node.And(operands);
    }

    private Node not() throws SelectorSyntaxException {
        Token not = peek();
        if (accept(Kind.NOT)) {
            enterNesting(not);
            Token operandStart = peek();
            Node operand = not();
            requireCondition(operand, operandStart);
            nesting--;
            return new Node.Not(operand);
        }
        return predicate();
    }

    private Node predicate() throws SelectorSyntaxException {
        Token start = peek();
        Node left = additive();
        Token operator = peek();
        ComparisonOperator comparison = comparisonOperator(operator.kind());
        if (comparison != null) {
            next();
            Token rightStart = peek();
            Node right = additive();
            if (comparison.isOrdering()) {
                requireNumber(left, start, operator);
                requireNumber(right, rightStart, operator);
            } else {
                requireComparable(left, right, operator);
            }
            return new Node.Comparison(comparison, left, right);
        }
        if (accept(Kind.IS)) {
            boolean negated = accept(Kind.NOT);
            expect(Kind.NULL, negated ? "NULL" : "NOT or NULL");
            return new Node.IsNull(left, negated);
        }
        boolean negated = false;
        if (accept(Kind.NOT)) {
            Kind kind = peek().kind();
            if (kind != Kind.BETWEEN && kind != Kind.LIKE && kind != Kind.IN) {
                throw error(peek(), "expected BETWEEN, LIKE or IN after NOT but found " + describe(peek()));
            }
            negated = true;
        }
        if (peek().kind() == Kind.BETWEEN) {
            return between(left, start, negated);
        }
        if (peek().kind() == Kind.LIKE) {
            return like(left, start, negated);
        }
        if (peek().kind() == Kind.IN) {
            return in(left, start, negated);
        }
        return left;
    }

    private Node between(Node value, Token valueStart, boolean negated) throws SelectorSyntaxException {
        Token between = next();
        requireNumber(value, valueStart, between);
        Token lowStart = peek();
        Node low = additive();
        requireNumber(low, lowStart, between);
        expect(Kind.AND, "AND");
        Token highStart = peek();
        Node high = additive();
        requireNumber(high, highStart, between);
        return new Node.Between(value, low, high, negated);
    }

    private Node like(Node value, Token valueStart, boolean negated) throws SelectorSyntaxException {
        Token like = next();
        requireString(value, valueStart, like);
        Token pattern = expect(Kind.STRING, "a string literal pattern after LIKE");
        int escape = -1;
        if (accept(Kind.ESCAPE)) {
            Token escapeToken = expect(Kind.STRING, "a string literal after ESCAPE");
            String chars = escapeToken.value();
            if (chars.codePointCount(0, chars.length()) != 1) {
                throw error(escapeToken, "expected a single character after ESCAPE but found "
                        + describe(escapeToken));
            }
            escape = chars.codePointAt(0);
        }
        try {
            return new Node.Like(value, LikePattern.compile(pattern.value(), escape), negated);
        } catch (IllegalArgumentException e) {
            throw error(pattern, "invalid LIKE pattern " + describe(pattern) + ": " + e.getMessage());
        }
    }

    private Node in(Node value, Token valueStart, boolean negated) throws SelectorSyntaxException {
        Token in = next();
        requireString(value, valueStart, in);
        expect(Kind.LEFT_PAREN, "'(' after IN");
        Set<String> candidates = new LinkedHashSet<>();
        do {
            candidates.add(expect(Kind.STRING, "a string literal").value());
        } while (accept(Kind.COMMA));
        expect(Kind.RIGHT_PAREN, "',' or ')'");
        return new Node.In(value, candidates, negated);
    }

    private Node additive() throws SelectorSyntaxException {
        Token start = peek();
        Node left = multiplicative();
        while (peek().kind() == Kind.PLUS || peek().kind() == Kind.MINUS) {
            Token operator = next();
            requireNumber(left, start, operator);
            Token rightStart = peek();
            Node right = multiplicative();
            requireNumber(right, rightStart, operator);
            left = new Node.Arithmetic(operator.kind() == Kind.PLUS
                    ? ArithmeticOperator.ADD : ArithmeticOperator.SUBTRACT, left, right);
        }
        return left;
    }

    private Node multiplicative() throws SelectorSyntaxException {
        Token start = peek();
        Node left = unary();
        while (peek().kind() == Kind.STAR || peek().kind() == Kind.SLASH) {
            Token operator = next();
            requireNumber(left, start, operator);
            Token rightStart = peek();
            Node right = unary();
            requireNumber(right, rightStart, operator);
            left = new Node.Arithmetic(operator.kind() == Kind.STAR
                    ? ArithmeticOperator.MULTIPLY : ArithmeticOperator.DIVIDE, left, right);
        }
        return left;
    }

    /** A sign directly before a number literal is folded into it, so {@code -9223372036854775808} works. */
    private Node unary() throws SelectorSyntaxException {
        if (peek().kind() != Kind.PLUS && peek().kind() != Kind.MINUS) {
            return primary();
        }
        Token sign = next();
        enterNesting(sign);
        boolean negative = sign.kind() == Kind.MINUS;
        Token operandStart = peek();
        Node result;
        if (accept(Kind.EXACT_NUMBER)) {
            result = new Node.Literal(exactValue(operandStart, negative));
        } else if (accept(Kind.APPROXIMATE_NUMBER)) {
            double value = approximateValue(operandStart);
            result = new Node.Literal(negative ? -value : value);
        } else {
            Node operand = unary();
            requireNumber(operand, operandStart, sign);
            result = new Node.Signed(negative, operand);
        }
        nesting--;
        return result;
    }

    private Node primary() throws SelectorSyntaxException {
        Token token = next();
        switch (token.kind()) {
            case LEFT_PAREN:
                enterNesting(token);
                Node inner = or();
                expect(Kind.RIGHT_PAREN, "')'");
                nesting--;
                return inner;
            case STRING:
                return new Node.Literal(token.value());
            case EXACT_NUMBER:
                return new Node.Literal(exactValue(token, false));
            case APPROXIMATE_NUMBER:
                return new Node.Literal(approximateValue(token));
            case TRUE:
                return new Node.Literal(Boolean.TRUE);
            case FALSE:
                return new Node.Literal(Boolean.FALSE);
            case IDENTIFIER:
                return new Node.Identifier(token.value());
            case NULL:
                throw error(token, "expected an expression but found " + describe(token)
                        + " (NULL may only be tested with IS NULL or IS NOT NULL)");
            default:
                throw error(token, "expected an expression but found " + describe(token));
        }
    }

    private long exactValue(Token token, boolean negative) throws SelectorSyntaxException {
        try {
            return NumberLiterals.exact(token.value(), negative);
        } catch (IllegalArgumentException e) {
            throw error(token, e.getMessage());
        }
    }

    private double approximateValue(Token token) throws SelectorSyntaxException {
        try {
            return NumberLiterals.approximate(token.value());
        } catch (IllegalArgumentException e) {
            throw error(token, e.getMessage());
        }
    }

    private static ComparisonOperator comparisonOperator(Kind kind) {
        switch (kind) {
            case EQUAL:
                return ComparisonOperator.EQUAL;
            case NOT_EQUAL:
                return ComparisonOperator.NOT_EQUAL;
            case LESS:
                return ComparisonOperator.LESS;
            case LESS_OR_EQUAL:
                return ComparisonOperator.LESS_OR_EQUAL;
            case GREATER:
                return ComparisonOperator.GREATER;
            case GREATER_OR_EQUAL:
                return ComparisonOperator.GREATER_OR_EQUAL;
            default:
                return null;
        }
    }

    private static StaticType typeOf(Node node) {
        if (node instanceof Node.Literal literal) {
            Object value = literal.value();
            if (value instanceof Boolean) {
                return StaticType.CONDITION;
            }
            return value instanceof String ? StaticType.STRING : StaticType.NUMBER;
        }
        if (node instanceof Node.Identifier) {
            return StaticType.ANY;
        }
        if (node instanceof Node.Arithmetic || node instanceof Node.Signed) {
            return StaticType.NUMBER;
        }
        return StaticType.CONDITION;
    }

    private static String describe(Node node) {
        if (node instanceof Node.Literal literal) {
            Object value = literal.value();
            if (value instanceof Boolean) {
                return "a boolean literal";
            }
            return value instanceof String ? "a string literal" : "a number";
        }
        return typeOf(node) == StaticType.NUMBER ? "an arithmetic expression" : "a condition";
    }

    private void requireCondition(Node node, Token at) throws SelectorSyntaxException {
        StaticType type = typeOf(node);
        if (type == StaticType.NUMBER || type == StaticType.STRING) {
            throw error(at, "expected a condition but found " + describe(node));
        }
    }

    private void requireNumber(Node node, Token at, Token operator) throws SelectorSyntaxException {
        StaticType type = typeOf(node);
        if (type == StaticType.CONDITION || type == StaticType.STRING) {
            throw error(at, "expected a numeric operand for " + describe(operator) + " but found "
                    + describe(node));
        }
    }

    private void requireString(Node node, Token at, Token operator) throws SelectorSyntaxException {
        StaticType type = typeOf(node);
        if (type == StaticType.CONDITION || type == StaticType.NUMBER) {
            throw error(at, "expected a string operand for " + describe(operator) + " but found "
                    + describe(node));
        }
    }

    /** Refuses {@code =} or {@code <>} between operands known, without a message, to be of different types. */
    private void requireComparable(Node left, Node right, Token operator) throws SelectorSyntaxException {
        StaticType leftType = typeOf(left);
        StaticType rightType = typeOf(right);
        if (leftType != StaticType.ANY && rightType != StaticType.ANY && leftType != rightType) {
            throw error(operator, "expected operands of the same type for " + describe(operator) + " but found a "
                    + leftType.noun + " and a " + rightType.noun);
        }
    }

    /** Bounds the parser's recursion so that a hostile selector cannot overflow the stack. */
    private void enterNesting(Token at) throws SelectorSyntaxException {
        if (++nesting > MAX_NESTING) {
            throw error(at, "expected at most " + MAX_NESTING
                    + " nested parentheses, NOT and signs but found more");
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.kind() != Kind.END) {
            index++;
        }
        return token;
    }

    private boolean accept(Kind kind) {
        if (peek().kind() == kind) {
            next();
            return true;
        }
        return false;
    }

    private Token expect(Kind kind, String expected) throws SelectorSyntaxException {
        if (peek().kind() != kind) {
            throw error(peek(), "expected " + expected + " but found " + describe(peek()));
        }
        return next();
    }

    private String describe(Token token) {
        if (token.kind() == Kind.END) {
            return "end of input";
        }
        String source = text.substring(token.start(), token.end());
        return token.kind() == Kind.STRING ? "string literal " + source : "'" + source + "'";
    }

    private SelectorSyntaxException error(Token at, String problem) {
        return new SelectorSyntaxException(text, at.column(), problem);
    }
}
