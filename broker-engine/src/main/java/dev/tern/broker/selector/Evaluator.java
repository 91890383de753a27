package dev.tern.broker.selector;

import dev.tern.broker.selector.Node.ComparisonOperator;
import dev.tern.protocol.MessageRecord;

/**
 * Evaluates a selector tree against one message with SQL three-valued logic. Never throws for any
 * message: type errors, NULLs and division by zero become FALSE or UNKNOWN as the package notes describe;
 * in particular {@code IN} and {@code LIKE} and their {@code NOT} forms are UNKNOWN for a value that is
 * NULL or not a string.
 */
final class Evaluator {

    private Evaluator() {
    }

    /** The truth value of {@code node} used as a condition. */
    static TriBool test(Node node, MessageRecord message) {
        if (node instanceof Node.And and) {
            TriBool result = TriBool.TRUE;
            for (Node operand : and.operands()) {
                result = result.and(test(operand, message));
                if (result == TriBool.FALSE) {
                    return result;
                }
            }
            return result;
        }
        if (node instanceof Node.Or or) {
            TriBool result = TriBool.FALSE;
            for (Node operand : or.operands()) {
                result = result.or(test(operand, message));
                if (result == TriBool.TRUE) {
                    return result;
                }
            }
            return result;
        }
        if (node instanceof Node.Not not) {
            return test(not.operand(), message).not();
        }
        if (node instanceof Node.Comparison c) {
            return compare(c.operator(), value(c.left(), message), value(c.right(), message));
        }
        if (node instanceof Node.Between b) {
            return between(b, message);
        }
        if (node instanceof Node.In in) {
            if (!(value(in.value(), message) instanceof String s)) {
                return TriBool.UNKNOWN;
            }
            return TriBool.of(in.candidates().contains(s) != in.negated());
        }
        if (node instanceof Node.Like like) {
            if (!(value(like.value(), message) instanceof String s)) {
                return TriBool.UNKNOWN;
            }
            return TriBool.of(like.pattern().matches(s) != like.negated());
        }
        if (node instanceof Node.IsNull isNull) {
            boolean absent = value(isNull.value(), message) == null;
            return TriBool.of(absent != isNull.negated());
        }
        return TriBool.ofValue(value(node, message));
    }

    /** The value of {@code node}: Long, Double, String, Boolean, or null for NULL and UNKNOWN. */
    static Object value(Node node, MessageRecord message) {
        if (node instanceof Node.Literal literal) {
            return literal.value();
        }
        if (node instanceof Node.Identifier identifier) {
            return MessageFields.resolve(identifier.name(), message);
        }
        if (node instanceof Node.Arithmetic a) {
            return Numbers.arithmetic(a.operator(), value(a.left(), message), value(a.right(), message));
        }
        if (node instanceof Node.Signed s) {
            return Numbers.sign(s.negative(), value(s.operand(), message));
        }
        return test(node, message).toBoolean();
    }

    /**
     * NULL on either side gives UNKNOWN; numbers compare after promotion; two strings or two booleans
     * support only = and &lt;&gt;; anything else is a comparison of unlike types and gives FALSE.
     */
    static TriBool compare(ComparisonOperator operator, Object left, Object right) {
        if (left == null || right == null) {
            return TriBool.UNKNOWN;
        }
        if (left instanceof Number a && right instanceof Number b) {
            return TriBool.of(Numbers.compare(operator, a, b));
        }
        boolean sameType = (left instanceof String && right instanceof String)
                || (left instanceof Boolean && right instanceof Boolean);
        if (!sameType || operator.isOrdering()) {
            return TriBool.FALSE;
        }
        return TriBool.of(left.equals(right) == (operator == ComparisonOperator.EQUAL));
    }

    /** The spec's equivalences: {@code v >= lo AND v <= hi}, and {@code v < lo OR v > hi} when negated. */
    private static TriBool between(Node.Between b, MessageRecord message) {
        Object value = value(b.value(), message);
        Object low = value(b.low(), message);
        Object high = value(b.high(), message);
        if (b.negated()) {
            return compare(ComparisonOperator.LESS, value, low)
                    .or(compare(ComparisonOperator.GREATER, value, high));
        }
        return compare(ComparisonOperator.GREATER_OR_EQUAL, value, low)
                .and(compare(ComparisonOperator.LESS_OR_EQUAL, value, high));
    }
}
