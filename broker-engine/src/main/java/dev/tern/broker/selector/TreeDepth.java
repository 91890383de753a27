package dev.tern.broker.selector;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Measures how deep a selector tree is, without recursion. */
final class TreeDepth {

    private TreeDepth() {
    }

    /** The number of nodes on the longest path from {@code root} to a leaf. */
    static int of(Node root) {
        Deque<Node> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(1);
        int max = 0;
        while (!nodes.isEmpty()) {
            Node node = nodes.pop();
            int depth = depths.pop();
            max = Math.max(max, depth);
            for (Node child : children(node)) {
                nodes.push(child);
                depths.push(depth + 1);
            }
        }
        return max;
    }

    private static List<Node> children(Node node) {
        if (node instanceof Node.And and) {
            return and.operands();
        }
        if (node instanceof Node.Or or) {
            return or.operands();
        }
        if (node instanceof Node.Not not) {
            return List.of(not.operand());
        }
        if (node instanceof Node.Signed signed) {
            return List.of(signed.operand());
        }
        if (node instanceof Node.Arithmetic a) {
            return List.of(a.left(), a.right());
        }
        if (node instanceof Node.Comparison c) {
            return List.of(c.left(), c.right());
        }
        if (node instanceof Node.Between b) {
            return List.of(b.value(), b.low(), b.high());
        }
        if (node instanceof Node.In in) {
            return List.of(in.value());
        }
        if (node instanceof Node.Like like) {
            return List.of(like.value());
        }
        if (node instanceof Node.IsNull isNull) {
            return List.of(isNull.value());
        }
        return List.of();
    }
}
