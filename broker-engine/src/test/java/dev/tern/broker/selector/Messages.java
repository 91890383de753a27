package dev.tern.broker.selector;

import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds messages for selector tests and evaluates selectors against them. */
final class Messages {

    private Messages() {
    }

    /** A persistent priority-4 message with these properties, given as name, value, name, value, ... */
    static MessageRecord withProperties(Object... namesAndValues) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new MessageRecord("ID:test-1", DestinationName.queue("orders"), 1_000L, null, null, null,
                true, 4, 0L, 0L, properties, BodyType.NONE, null);
    }

    /** The three-valued result of {@code selector} for {@code message}. */
    static TriBool evaluate(String selector, MessageRecord message) throws SelectorSyntaxException {
        return Selector.parse(selector).evaluate(message);
    }
}
