package dev.tern.stomp;

import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * STOMP destination strings as ActiveMQ and Artemis write them: {@code /queue/NAME}, {@code /topic/NAME},
 * {@code /temp-queue/NAME}, {@code /temp-topic/NAME}; a string without one of these prefixes names a queue.
 *
 * <p>A temporary destination named by a connection with a plain name ({@code /temp-queue/replies}) is
 * that connection's own: it is created on first use, is deleted when the connection closes, and shows in
 * frames to its owner under the same name. Others see it under its broker-wide name, which contains a
 * {@code :} ({@code /temp-queue/stomp-1b2c…:replies}); a name with a {@code :} always refers to an existing
 * temporary destination, such as one a JMS client created and put in a reply-to.
 */
final class StompDestinations {

    static final String QUEUE = "/queue/";
    static final String TOPIC = "/topic/";
    static final String TEMP_QUEUE = "/temp-queue/";
    static final String TEMP_TOPIC = "/temp-topic/";

    private final String temporaryPrefix = "stomp-" + UUID.randomUUID() + ":";
    private final Map<String, DestinationName> ownTemporaries = new HashMap<>();

    /** Creates a temporary destination of this connection in the broker, the first time the connection names it. */
    private final Consumer<DestinationName> create;

    StompDestinations(Consumer<DestinationName> create) {
        this.create = create;
    }

    /** Resolves a destination header, creating a temporary destination of this connection on first use. */
    DestinationName resolve(String text) throws StompException {
        if (text == null || text.isEmpty()) {
            throw new StompException("The destination is empty.");
        }
        if (text.startsWith(QUEUE)) {
            return DestinationName.queue(nonEmpty(text, QUEUE));
        }
        if (text.startsWith(TOPIC)) {
            return DestinationName.topic(nonEmpty(text, TOPIC));
        }
        if (text.startsWith(TEMP_QUEUE)) {
            return temporary(DestinationType.TEMPORARY_QUEUE, nonEmpty(text, TEMP_QUEUE));
        }
        if (text.startsWith(TEMP_TOPIC)) {
            return temporary(DestinationType.TEMPORARY_TOPIC, nonEmpty(text, TEMP_TOPIC));
        }
        return DestinationName.queue(text);
    }

    /** The destination as this connection's frames show it. */
    String render(DestinationName destination) {
        return switch (destination.type()) {
            case QUEUE -> QUEUE + destination.name();
            case TOPIC -> TOPIC + destination.name();
            case TEMPORARY_QUEUE -> TEMP_QUEUE + alias(destination);
            case TEMPORARY_TOPIC -> TEMP_TOPIC + alias(destination);
        };
    }

    private String alias(DestinationName temporary) {
        String name = temporary.name();
        return name.startsWith(temporaryPrefix) ? name.substring(temporaryPrefix.length()) : name;
    }

    private DestinationName temporary(DestinationType type, String name) {
        DestinationName own = ownTemporaries.get(key(type, name));
        if (own != null) {
            return own;
        }
        if (name.indexOf(':') >= 0) {
            return new DestinationName(type, name);
        }
        DestinationName created = new DestinationName(type, temporaryPrefix + name);
        ownTemporaries.put(key(type, name), created);
        create.accept(created);
        return created;
    }

    private static String key(DestinationType type, String alias) {
        return type.name() + "/" + alias;
    }

    private static String nonEmpty(String text, String prefix) throws StompException {
        String name = text.substring(prefix.length());
        if (name.isEmpty()) {
            throw new StompException("The destination '" + text + "' names no " + prefix.replace("/", "") + ".");
        }
        return name;
    }
}
