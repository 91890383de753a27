package dev.tern.protocol;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Where a new topic subscription starts reading the messages its topic retains: from the oldest, from
 * those stamped at or after a time, or from one message on. Written as text in the
 * {@code consumer.replayFrom} destination option: {@code beginning}, an ISO-8601 instant such as
 * {@code 2026-11-01T00:00:00Z} (or epoch milliseconds), or a JMSMessageID starting with {@code ID:}.
 *
 * @param kind which of the three starts this is
 * @param timestamp for {@link Kind#TIMESTAMP}: epoch milliseconds; else 0
 * @param messageId for {@link Kind#MESSAGE_ID}: the JMSMessageID, with its {@code ID:} prefix; else null
 */
public record ReplayFrom(Kind kind, long timestamp, String messageId) {

    /** The three ways to say where a replay starts. */
    public enum Kind {
        /** Every retained message. */
        BEGINNING,
        /** Retained messages whose time (JMSTimestamp, or arrival if it had none) is at or after a timestamp. */
        TIMESTAMP,
        /** The retained message with a JMSMessageID, and every one retained after it. */
        MESSAGE_ID
    }

    /** Replays everything retained. */
    public static final ReplayFrom BEGINNING = new ReplayFrom(Kind.BEGINNING, 0, null);

    public ReplayFrom {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.MESSAGE_ID && (messageId == null || !messageId.startsWith("ID:"))) {
            throw new IllegalArgumentException("a replay from a message needs a JMSMessageID starting with ID:");
        }
    }

    /** Replays messages stamped at or after this time. */
    public static ReplayFrom timestamp(long epochMillis) {
        return new ReplayFrom(Kind.TIMESTAMP, epochMillis, null);
    }

    /** Replays from the message with this JMSMessageID on. */
    public static ReplayFrom messageId(String jmsMessageId) {
        return new ReplayFrom(Kind.MESSAGE_ID, 0, jmsMessageId);
    }

    /**
     * Reads the text form: {@code beginning}, an ISO-8601 instant, epoch milliseconds or {@code ID:...}.
     *
     * @throws IllegalArgumentException naming the accepted forms, or for an instant whose epoch
     *     milliseconds do not fit a long, saying so
     */
    public static ReplayFrom parse(String text) {
        String value = Objects.requireNonNull(text, "replayFrom").strip();
        if (value.equalsIgnoreCase("beginning")) {
            return BEGINNING;
        }
        if (value.startsWith("ID:")) {
            return messageId(value);
        }
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            try {
                return timestamp(Long.parseLong(value));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("consumer.replayFrom must be 'beginning', an ISO-8601 instant such as "
                    + "2026-11-01T00:00:00Z, epoch milliseconds or a JMSMessageID starting with ID:, was '" + text + "'.");
        }
        try {
            return timestamp(instant.toEpochMilli());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("replayFrom instant " + value + " is out of range: it must lie between "
                    + Instant.ofEpochMilli(Long.MIN_VALUE) + " and " + Instant.ofEpochMilli(Long.MAX_VALUE) + ".");
        }
    }

    /** The text form {@link #parse} reads back. */
    @Override
    public String toString() {
        return switch (kind) {
            case BEGINNING -> "beginning";
            case TIMESTAMP -> Instant.ofEpochMilli(timestamp).toString();
            case MESSAGE_ID -> messageId;
        };
    }
}
