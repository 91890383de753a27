package dev.tern.broker.selector;

import dev.tern.protocol.MessageRecord;
import java.util.Objects;

/**
 * A parsed Jakarta Messaging message selector. Immutable and safe to share between threads.
 *
 * <pre>
 * Selector selector = Selector.parse("JMSType = 'car' AND weight &gt; 2500");
 * if (selector.matches(record)) { ... }
 * </pre>
 *
 * A selector matches a message when it evaluates to TRUE; FALSE and UNKNOWN do not match. Evaluation never
 * throws. See the package notes for the semantics chosen where the spec leaves room.
 */
public final class Selector {

    private final String text;
    private final Node root;

    private Selector(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses a selector. A null, empty or blank text means "no selector" and gives a selector that matches
     * every message.
     *
     * @throws SelectorSyntaxException if the text is not a valid selector; its message gives the column
     */
    public static Selector parse(String text) throws SelectorSyntaxException {
        if (text == null || text.isBlank()) {
            return new Selector(text == null ? "" : text, null);
        }
        return new Selector(text, Parser.parse(text));
    }

    /** Whether the selector evaluates to TRUE for this message. */
    public boolean matches(MessageRecord message) {
        return evaluate(message) == TriBool.TRUE;
    }

    /** The selector text as given; empty for a null selector. */
    public String text() {
        return text;
    }

    /** The three-valued result, for tests. */
    TriBool evaluate(MessageRecord message) {
        Objects.requireNonNull(message, "message");
        return root == null ? TriBool.TRUE : Evaluator.test(root, message);
    }

    @Override
    public String toString() {
        return "Selector[" + text + "]";
    }
}
