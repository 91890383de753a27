package dev.tern.interop;

import java.util.Map;

/**
 * A message as a client received it: body kind ({@code text}, {@code bytes}, {@code map}, or what else the client
 * saw), body (String, byte[] or Map), application properties, priority, and where the protocol tells them the message
 * ID and the redelivered flag. {@code raw} is everything the client reported, for failure messages.
 */
record Received(String kind, Object body, Map<String, Object> properties, Integer priority, String messageId,
        Boolean redelivered, Map<String, Object> raw) {

    /** The value of a property as text, whatever type the protocol gave it. */
    String property(String name) {
        Object value = properties.get(name);
        return value == null ? null : String.valueOf(value);
    }

    @Override
    public String toString() {
        return raw.isEmpty() ? "Received[" + kind + " " + body + " " + properties + " priority " + priority + "]"
                : raw.toString();
    }
}
