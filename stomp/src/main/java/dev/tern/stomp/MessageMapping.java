package dev.tern.stomp;

import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.TypedValueCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.stomp.StompHeaders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a SEND frame into a JMS message and a message into the headers and body of a MESSAGE frame (the
 * table is in {@code docs/stomp.md}).
 *
 * <p>SEND: a body with {@code content-length} becomes a BytesMessage, one without a TextMessage (UTF-8),
 * unless {@code amq-msg-type} says {@code text} or {@code bytes}. {@code correlation-id}, {@code reply-to},
 * {@code type}, {@code persistent} (default false), {@code priority} (default 4) and {@code expires}
 * (epoch ms, 0 for never) set the JMS headers; every other header that is not a STOMP one becomes a String
 * property of the same name, even where that name is no JMS identifier (a selector cannot name such a
 * property, but consumers read it); headers named like JMS headers ({@code JMS...}, except
 * {@code JMSXGroupID} and {@code JMSXGroupSeq}) are ignored.
 *
 * <p>MESSAGE: text as UTF-8 ({@code text/plain}), bytes as they are, map and stream bodies as JSON
 * ({@code application/json}), object bodies as the Java serialization bytes
 * ({@code application/x-java-serialized-object}); properties become headers with their values as strings.
 */
final class MessageMapping {

    static final String CORRELATION_ID = "correlation-id";
    static final String REPLY_TO = "reply-to";
    static final String TYPE = "type";
    static final String PERSISTENT = "persistent";
    static final String PRIORITY = "priority";
    static final String EXPIRES = "expires";
    static final String TIMESTAMP = "timestamp";
    static final String REDELIVERED = "redelivered";
    static final String MESSAGE_TYPE = "amq-msg-type";
    static final String GROUP_ID = "JMSXGroupID";
    static final String GROUP_SEQ = "JMSXGroupSeq";
    static final int DEFAULT_PRIORITY = 4;

    /** SEND headers that are STOMP's own or map to JMS headers, never properties. */
    private static final Set<String> NOT_PROPERTIES = Set.of("destination", "content-length", "receipt",
            "transaction", CORRELATION_ID, REPLY_TO, TYPE, PERSISTENT, PRIORITY, EXPIRES, TIMESTAMP, REDELIVERED,
            "message-id", "subscription", "ack", MESSAGE_TYPE, GROUP_SEQ);

    private MessageMapping() {
    }

    /** Resolves the destination strings of a SEND. */
    @FunctionalInterface
    interface Destinations {
        DestinationName resolve(String text) throws StompException;
    }

    /**
     * The message a SEND frame carries.
     *
     * @throws StompException for a header whose value is not what STOMP or JMS allows, naming it
     */
    static MessageRecord fromSend(StompHeaders headers, ByteBuf body, DestinationName destination, String messageId,
            long now, Destinations destinations, int maxProperties) throws StompException {
        byte[] bytes = ByteBufUtil.getBytes(body);
        BodyType bodyType = bodyType(headers);
        byte[] encoded = bodyType == BodyType.TEXT ? text(new String(bytes, StandardCharsets.UTF_8)) : bytes;
        String replyToText = headers.getAsString(REPLY_TO);
        DestinationName replyTo = replyToText == null ? null : destinations.resolve(replyToText);
        int priority = priority(headers.getAsString(PRIORITY));
        long expires = expires(headers.getAsString(EXPIRES));
        boolean persistent = "true".equalsIgnoreCase(trimmed(headers.getAsString(PERSISTENT)));
        Map<String, Object> properties = properties(headers, maxProperties);
        return new MessageRecord(messageId, destination, now, headers.getAsString(CORRELATION_ID), replyTo,
                headers.getAsString(TYPE), persistent, priority, expires, 0, properties, bodyType, encoded);
    }

    private static BodyType bodyType(StompHeaders headers) throws StompException {
        String requested = headers.getAsString(MESSAGE_TYPE);
        if (requested != null) {
            return switch (requested.trim().toLowerCase(Locale.ROOT)) {
                case "text" -> BodyType.TEXT;
                case "bytes" -> BodyType.BYTES;
                default -> throw new StompException("The amq-msg-type header must be text or bytes, was '"
                        + requested + "'.");
            };
        }
        return headers.contains(StompHeaders.CONTENT_LENGTH) ? BodyType.BYTES : BodyType.TEXT;
    }

    private static int priority(String value) throws StompException {
        if (value == null) {
            return DEFAULT_PRIORITY;
        }
        try {
            int priority = Integer.parseInt(value.trim());
            if (priority >= 0 && priority <= 9) {
                return priority;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new StompException("The priority header must be a number from 0 to 9, was '" + value + "'.");
    }

    private static long expires(String value) throws StompException {
        if (value == null) {
            return 0;
        }
        try {
            long expires = Long.parseLong(value.trim());
            if (expires >= 0) {
                return expires;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new StompException("The expires header must be a time in milliseconds since 1970 (0 for never), was '"
                + value + "'.");
    }

    private static Map<String, Object> properties(StompHeaders headers, int maxProperties) throws StompException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Map.Entry<CharSequence, CharSequence> header : headers) {
            String name = header.getKey().toString();
            if (NOT_PROPERTIES.contains(name) || properties.containsKey(name)
                    || (name.startsWith("JMS") && !name.equals(GROUP_ID))) {
                continue;
            }
            properties.put(name, header.getValue().toString());
        }
        String groupSeq = headers.getAsString(GROUP_SEQ);
        if (groupSeq != null) {
            try {
                properties.put(GROUP_SEQ, Integer.parseInt(groupSeq.trim()));
            } catch (NumberFormatException e) {
                throw new StompException("The JMSXGroupSeq header must be a number, was '" + groupSeq + "'.");
            }
        }
        if (properties.size() > maxProperties) {
            throw new StompException("The message has " + properties.size()
                    + " properties, more than this broker's maxMessageProperties of " + maxProperties + ".");
        }
        return properties;
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    private static byte[] text(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() + 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            TypedValueCodec.writeString(out, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The body of a MESSAGE frame and its content type (null for raw bytes). */
    record Body(byte[] bytes, String contentType) {
    }

    /**
     * The STOMP body of a message.
     *
     * @throws IllegalArgumentException if the stored body cannot be read as its type says
     */
    static Body body(MessageRecord message) {
        byte[] body = message.body();
        return switch (message.bodyType()) {
            case TEXT -> new Body(utf8(readText(body)), "text/plain;charset=UTF-8");
            case BYTES -> new Body(body, null);
            case MAP -> new Body(utf8(JsonText.object(TypedValueCodec.mapFromBytes(body))),
                    "application/json;charset=UTF-8");
            case STREAM -> new Body(utf8(JsonText.array(TypedValueCodec.listFromBytes(body))),
                    "application/json;charset=UTF-8");
            case OBJECT -> new Body(body, "application/x-java-serialized-object");
            case NONE -> new Body(new byte[0], null);
        };
    }

    private static byte[] utf8(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String readText(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return TypedValueCodec.readString(new DataInputStream(new ByteArrayInputStream(body)));
        } catch (IOException e) {
            throw new IllegalArgumentException("A text body cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Adds the JMS headers and properties of a message to a MESSAGE frame's headers; those already set
     * (subscription, message-id, destination, ack) stay.
     */
    static void addHeaders(StompHeaders headers, MessageRecord message, int deliveryCount,
            java.util.function.Function<DestinationName, String> render, String contentType) {
        if (deliveryCount > 1) {
            headers.set(REDELIVERED, "true");
        }
        headers.set(PRIORITY, Integer.toString(message.priority()));
        headers.set(PERSISTENT, Boolean.toString(message.persistent()));
        headers.set(EXPIRES, Long.toString(message.expiration()));
        headers.set(TIMESTAMP, Long.toString(message.timestamp()));
        if (message.correlationId() != null) {
            headers.set(CORRELATION_ID, headerValue(message.correlationId()));
        }
        if (message.replyTo() != null) {
            headers.set(REPLY_TO, render.apply(message.replyTo()));
        }
        if (message.type() != null) {
            headers.set(TYPE, headerValue(message.type()));
        }
        for (Map.Entry<String, Object> property : message.properties().entrySet()) {
            if (property.getValue() != null && !property.getKey().isEmpty() && !headers.contains(property.getKey())) {
                headers.set(headerValue(property.getKey()), headerValue(String.valueOf(property.getValue())));
            }
        }
        if (contentType != null && !headers.contains(StompHeaders.CONTENT_TYPE)) {
            headers.set(StompHeaders.CONTENT_TYPE, contentType);
        }
    }

    /** A header value without NUL, which no STOMP header can carry. */
    static String headerValue(String value) {
        return value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }
}
