package dev.tern.interop;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message to send, the same for every client: its body kind ({@code text}, {@code bytes} or {@code map}), the body
 * (a String, byte[] or Map), application properties and priority. Serialized to JSON for the script clients
 * (a byte[] body becomes base64).
 */
record MessageSpec(String kind, Object body, Map<String, Object> properties, Integer priority) {

    static MessageSpec text(String body, Map<String, Object> properties, int priority) {
        return new MessageSpec("text", body, properties, priority);
    }

    static MessageSpec bytes(byte[] body, Map<String, Object> properties, int priority) {
        return new MessageSpec("bytes", body, properties, priority);
    }

    static MessageSpec map(Map<String, Object> body, Map<String, Object> properties, int priority) {
        return new MessageSpec("map", body, properties, priority);
    }

    /** This message with one more property. */
    MessageSpec with(String property, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(properties);
        more.put(property, value);
        return new MessageSpec(kind, body, more, priority);
    }
}
