package dev.tern.jms.net;

import dev.tern.protocol.AckMode;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.wire.FrameEncoder;
import dev.tern.protocol.wire.Hello;
import dev.tern.protocol.wire.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The frames of one fuzzing connection: a hello, then a conversation of commands of every kind, a
 * few of them mutated (bytes flipped, cut short, a wrong length or type, a count made huge) or
 * replaced by random bytes, and the last one often so. Plausible enough that most frames reach the broker's command handling,
 * with IDs from small ranges so that duplicates and out-of-order commands are common.
 */
final class FuzzFrames {

    /** Queues and topics the fuzzer uses; its frames may name nothing else but garbage. */
    static final List<String> QUEUES = List.of("fuzz.q0", "fuzz.q1", "fuzz.q2", "temp:fuzz.tmp0");
    static final List<String> TOPICS = List.of("fuzz.t0", "fuzz.t1");

    private final Random random;
    private final EmbeddedChannel encoder = new EmbeddedChannel(new FrameEncoder(WireFormat.DEFAULT_MAX_FRAME_SIZE));
    private long requestId;

    FuzzFrames(Random random) {
        this.random = random;
    }

    /** A connection's worth of frames, the hello first; {@code count} frames after it. */
    List<byte[]> connection(int count) {
        List<byte[]> frames = new ArrayList<>(count + 1);
        byte[] hello = encode(Hello.current(random.nextInt(10) == 0 ? random.nextInt(5_000) : 0));
        frames.add(random.nextInt(50) == 0 ? mutate(hello) : hello);
        if (random.nextInt(5) > 0) {
            frames.add(encode(new Command.OpenConnection(nextRequestId(), maybe(clientId()), null, null)));
        }
        // The broker drops a connection at its first bad frame: mostly valid frames reach deep states, and a
        // bad one, when it comes, is often the last.
        while (frames.size() < count) {
            byte[] frame = encode(command());
            int roll = random.nextInt(100);
            frames.add(roll < 95 ? frame : roll < 98 ? mutate(frame) : randomBytes());
        }
        byte[] last = encode(command());
        frames.add(random.nextBoolean() ? last : random.nextInt(5) > 0 ? mutate(last) : randomBytes());
        return frames;
    }

    private Command command() {
        long id = nextRequestId();
        long session = 1 + random.nextInt(3);
        long consumer = 1 + random.nextInt(6);
        return switch (random.nextInt(22)) {
            case 0 -> new Command.OpenConnection(id, maybe(clientId()), null, null);
            case 1 -> new Command.SetClientId(id, clientId());
            case 2, 3 -> new Command.CreateSession(id, session, AckMode.values()[random.nextInt(AckMode.values().length)]);
            case 4 -> new Command.CloseSession(id, session, deliveryIds());
            case 5, 6 -> new Command.CreateConsumer(id, session, consumer, spec(), random.nextInt(20));
            case 7 -> new Command.CloseConsumer(id, session, consumer, deliveryIds());
            case 8, 9 -> new Command.Send(id, session, message());
            case 10 -> new Command.Acknowledge(id, session, deliveryIds());
            case 11 -> new Command.Commit(id, session, deliveryIds());
            case 12 -> new Command.Recover(id, session, deliveryIds());
            case 13 -> new Command.GrantCredit(id, session, consumer, random.nextInt(41) - 20);
            case 14 -> new Command.Pull(id, session, consumer);
            case 15 -> new Command.Browse(id, DestinationName.queue(pick(QUEUES)), maybe(selector()), random.nextInt(20));
            case 16 -> new Command.Unsubscribe(id, "d" + random.nextInt(2));
            case 17 -> new Command.CreateTemporaryDestination(id, temporary());
            case 18 -> new Command.DeleteTemporaryDestination(id, temporary());
            case 19 -> new Command.StartDelivery(id);
            case 20 -> new Command.StopDelivery(id, deliveryIds());
            default -> random.nextBoolean() ? new Command.QueryStatistics(id) : new Command.CloseConnection(id);
        };
    }

    private ConsumerSpec spec() {
        boolean topic = random.nextInt(3) == 0;
        int kind = random.nextInt(4);
        DestinationName destination = topic ? DestinationName.topic(pick(TOPICS))
                : kind == 0 ? temporary() : DestinationName.queue(pick(QUEUES));
        boolean durable = topic && kind == 1;
        boolean shared = topic && kind == 2;
        String subscription = durable || shared ? "d" + random.nextInt(2) : null;
        return new ConsumerSpec(destination, maybe(selector()), random.nextInt(8) == 0, subscription, durable, shared,
                random.nextInt(8) == 0);
    }

    private DestinationName temporary() {
        DestinationType type = random.nextBoolean() ? DestinationType.TEMPORARY_QUEUE : DestinationType.TEMPORARY_TOPIC;
        return new DestinationName(type, "fuzz.tmp" + random.nextInt(3));
    }

    private MessageRecord message() {
        DestinationName destination = random.nextInt(4) == 0 ? DestinationName.topic(pick(TOPICS))
                : DestinationName.queue(pick(QUEUES));
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            properties.put("p" + random.nextInt(5), random.nextBoolean() ? random.nextInt() : "v" + random.nextInt(9));
        }
        byte[] body = new byte[random.nextInt(200)];
        random.nextBytes(body);
        return new MessageRecord("ID:fuzz-" + random.nextLong(), destination, System.currentTimeMillis(), null,
                random.nextInt(10) == 0 ? temporary() : null, null, random.nextBoolean(), random.nextInt(10),
                random.nextInt(10) == 0 ? 1 : 0, 0, properties, BodyType.BYTES, body);
    }

    private String selector() {
        return switch (random.nextInt(4)) {
            case 0 -> "p0 > " + random.nextInt(100);
            case 1 -> "p1 = 'v" + random.nextInt(9) + "'";
            case 2 -> "p2 IN ('v1', 'v2') OR p3 IS NULL";
            default -> "((( garbage " + random.nextInt();
        };
    }

    private String clientId() {
        return "c" + random.nextInt(3);
    }

    private List<Long> deliveryIds() {
        List<Long> ids = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            ids.add((long) random.nextInt(30) - 2);
        }
        return ids;
    }

    /** Mostly increasing request IDs, sometimes repeated, zero or negative, as a broken client sends. */
    private long nextRequestId() {
        int roll = random.nextInt(50);
        if (roll == 0) {
            return 0;
        }
        if (roll == 1) {
            return -requestId;
        }
        return roll == 2 ? requestId : ++requestId;
    }

    private byte[] mutate(byte[] frame) {
        byte[] mutated = frame.clone();
        switch (random.nextInt(6)) {
            case 0 -> {
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            case 1 -> {
                byte[] cut = java.util.Arrays.copyOf(mutated, Math.max(5, random.nextInt(mutated.length)));
                ByteBuffer.wrap(cut).putInt(0, cut.length - WireFormat.LENGTH_SIZE);
                return cut;
            }
            case 2 -> ByteBuffer.wrap(mutated).putInt(0, random.nextInt(mutated.length * 2 + 8) - 4);
            case 3 -> {
                if (mutated.length > WireFormat.LENGTH_SIZE) {
                    mutated[WireFormat.LENGTH_SIZE] = (byte) random.nextInt(256);
                }
            }
            case 4 -> {
                if (mutated.length >= 9) {
                    int at = WireFormat.LENGTH_SIZE + random.nextInt(mutated.length - WireFormat.LENGTH_SIZE - 3);
                    ByteBuffer.wrap(mutated).putInt(at, random.nextBoolean() ? Integer.MAX_VALUE : -1 - random.nextInt(1_000));
                }
            }
            default -> {
                return java.util.Arrays.copyOf(mutated, mutated.length + 1 + random.nextInt(16));
            }
        }
        return mutated;
    }

    private byte[] randomBytes() {
        byte[] garbage = new byte[1 + random.nextInt(64)];
        random.nextBytes(garbage);
        return garbage;
    }

    private byte[] encode(Object frame) {
        encoder.writeOutbound(frame);
        ByteBuf encoded = encoder.readOutbound();
        try {
            return ByteBufUtil.getBytes(encoded);
        } finally {
            encoded.release();
        }
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private <T> T maybe(T value) {
        return random.nextInt(3) == 0 ? null : value;
    }
}
