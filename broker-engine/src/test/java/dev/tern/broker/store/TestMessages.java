package dev.tern.broker.store;

import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Builds messages for store tests: varied headers, property types and body sizes. */
final class TestMessages {

    private TestMessages() {
    }

    /** A small persistent text message to {@code queue}. */
    static MessageRecord simple(String queue, String text) {
        return new MessageRecord("ID:" + text, DestinationName.queue(queue), 1_700_000_000_000L, null, null, null,
                true, 4, 0, 0, Map.of("text", text), BodyType.TEXT, text.getBytes());
    }

    /** A message with a body of {@code bodySize} bytes. */
    static MessageRecord withBody(String queue, int bodySize, Random random) {
        byte[] body = new byte[bodySize];
        random.nextBytes(body);
        return new MessageRecord("ID:big", DestinationName.queue(queue), 0, null, null, null,
                true, 4, 0, 0, Map.of(), BodyType.BYTES, body);
    }

    /** A message with every field drawn from {@code random}, nulls included. */
    static MessageRecord random(Random random) {
        DestinationName destination = random.nextBoolean()
                ? DestinationName.queue("orders." + random.nextInt(5))
                : DestinationName.topic("prices." + random.nextInt(5));
        Map<String, Object> properties = new LinkedHashMap<>();
        int propertyCount = random.nextInt(6);
        for (int i = 0; i < propertyCount; i++) {
            properties.put("p" + i, randomProperty(random));
        }
        int bodySize = random.nextInt(20) == 0 ? 20_000 + random.nextInt(50_000) : random.nextInt(600);
        byte[] body = new byte[bodySize];
        random.nextBytes(body);
        return new MessageRecord(
                random.nextInt(10) == 0 ? null : "ID:" + Long.toHexString(random.nextLong()),
                destination,
                random.nextLong() & Long.MAX_VALUE,
                random.nextBoolean() ? null : "corr-" + random.nextInt(100),
                random.nextBoolean() ? null : DestinationName.queue("replies"),
                random.nextBoolean() ? null : "type-" + random.nextInt(3),
                random.nextBoolean(),
                random.nextInt(10),
                random.nextBoolean() ? 0 : random.nextLong() & Long.MAX_VALUE,
                random.nextLong() & Long.MAX_VALUE,
                properties,
                BodyType.values()[random.nextInt(BodyType.values().length)],
                body);
    }

    private static Object randomProperty(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> random.nextBoolean();
            case 1 -> (byte) random.nextInt();
            case 2 -> (short) random.nextInt();
            case 3 -> random.nextInt();
            case 4 -> random.nextLong();
            case 5 -> random.nextFloat();
            case 6 -> random.nextDouble();
            case 7 -> "välue-" + random.nextInt(1000);
            default -> "";
        };
    }
}
