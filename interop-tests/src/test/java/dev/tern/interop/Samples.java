package dev.tern.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages of the matrix: a text (not only ASCII), bytes (a zero byte and bytes that are not UTF-8) and a map,
 * each with application properties of several JMS types and a priority of its own. The property {@code n} tells
 * them apart whatever order they arrive in.
 */
final class Samples {

    static final byte[] BYTES = {0, 1, 2, (byte) 0xff, (byte) 0x80, 10, 0, 't', 'e', 'r', 'n'};

    private Samples() {
    }

    static Map<String, Object> properties(int n, String from) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("n", n);
        properties.put("from", from);
        properties.put("color", n % 2 == 0 ? "red" : "blue");
        properties.put("weight", 42);
        properties.put("ratio", 0.5);
        properties.put("urgent", true);
        return properties;
    }

    static Map<String, Object> mapBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sku", "A-1");
        body.put("qty", 3);
        body.put("price", 9.5);
        body.put("gift", false);
        return body;
    }

    /** Text (priority 7), bytes (priority 2) and, where the sender's protocol has maps, a map (priority 9). */
    static List<MessageSpec> matrix(InteropClient sender) {
        List<MessageSpec> messages = new ArrayList<>();
        messages.add(MessageSpec.text("hello from " + sender.name() + " \u00e9\u00e8 \u2713", properties(0, sender.name()), 7));
        messages.add(MessageSpec.bytes(BYTES, properties(1, sender.name()), 2));
        if (sender.sendsMaps()) {
            messages.add(MessageSpec.map(mapBody(), properties(2, sender.name()), 9));
        }
        return messages;
    }

    /** A text message numbered {@code n}, red when n is even and blue when odd. */
    static MessageSpec text(int n, String from) {
        return MessageSpec.text("message " + n + " from " + from, properties(n, from), 4);
    }
}
