package dev.tern.broker.selector;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The immutable syntax tree of a parsed selector. Value nodes (literals, identifiers, arithmetic) yield
 * a Long, Double, String, Boolean or null; condition nodes yield a {@link TriBool}.
 */
sealed interface Node {

    /** A Long, Double, String or Boolean written in the selector. */
    record Literal(Object value) implements Node {
        public Literal {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A header field or property reference; case-sensitive. */
    record Identifier(String name) implements Node {
    }

    /** Unary {@code +} or {@code -} applied to an expression that is not a number literal. */
    record Signed(boolean negative, Node operand) implements Node {
    }

    /** {@code left op right} for {@code + - * /}. */
    record Arithmetic(ArithmeticOperator operator, Node left, Node right) implements Node {
    }

    /** {@code left op right} for {@code = <> < <= > >=}. */
    record Comparison(ComparisonOperator operator, Node left, Node right) implements Node {
    }

    /** {@code value [NOT] BETWEEN low AND high}. */
    record Between(Node value, Node low, Node high, boolean negated) implements Node {
    }

    /** {@code value [NOT] IN ('a', 'b', ...)}. */
    record In(Node value, Set<String> candidates, boolean negated) implements Node {
        public In {
            candidates = Set.copyOf(candidates);
        }
    }

    /** {@code value [NOT] LIKE 'pattern' [ESCAPE 'c']}. */
    record Like(Node value, LikePattern pattern, boolean negated) implements Node {
    }

    /** {@code value IS [NOT] NULL}. */
    record IsNull(Node value, boolean negated) implements Node {
    }

    /** {@code NOT operand}. */
    record Not(Node operand) implements Node {
    }

    /** {@code a AND b AND ...}: a chain of two or more operands, kept flat so long chains stay shallow. */
    record And(List<Node> operands) implements Node {
        public And {
            operands = List.copyOf(operands);
        }
    }

    /** {@code a OR b OR ...}: a chain of two or more operands, kept flat so long chains stay shallow. */
    record Or(List<Node> operands) implements Node {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    /** The binary arithmetic operators. */
    enum ArithmeticOperator {
        ADD, SUBTRACT, MULTIPLY, DIVIDE
    }

    /** The comparison operators; only {@link #EQUAL} and {@link #NOT_EQUAL} apply to strings and booleans. */
    enum ComparisonOperator {
        EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL;

        /** True for {@code < <= > >=}, which only numbers support. */
        boolean isOrdering() {
            return this != EQUAL && this != NOT_EQUAL;
        }
    }
}
