package dev.tern.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.protocol.MessageLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random frames, some valid, some mutated or truncated, from many short connections: whatever they do,
 * each connection ends with the broker holding nothing of it, and a bystander keeps working.
 */
@Timeout(180)
class StompFuzzTest {

    private static final int CONNECTIONS = 40;
    private static final int FRAMES_PER_CONNECTION = 25;
    private static final List<String> COMMANDS = List.of("SEND", "SUBSCRIBE", "UNSUBSCRIBE", "ACK", "NACK", "BEGIN",
            "COMMIT", "ABORT", "DISCONNECT", "CONNECT", "STOMP", "MESSAGE", "FROB", "send");
    private static final List<String> HEADERS = List.of("destination", "id", "ack", "receipt", "transaction",
            "content-length", "content-type", "selector", "priority", "expires", "persistent", "reply-to",
            "activemq.prefetchSize", "activemq.subscriptionName", "message-id", "subscription", "amq-msg-type", "x");
    private static final List<String> VALUES = List.of("/queue/fuzz", "/topic/fuzz", "/temp-queue/t", "fuzz", "",
            "client", "client-individual", "auto", "1", "0", "-1", "9", "99", "true", "a\\cb", "colour = 'red'",
            "colour = = 1", "tx", "s1", "s2", "/temp-topic/x:y", "text", "bytes", "18446744073709551616");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 23, 4242})
    void randomFramesNeverLeaveAnythingBehind(long seed) throws Exception {
        Random random = new Random(seed);
        try (StompBroker broker = new StompBroker(dir, settings -> settings.withMaxFrameSize(16 * 1024)
                .withMessageLimits(MessageLimits.DEFAULT.withMaxProperties(16).withMaxHeaderSize(4096)));
                StompClient bystander = broker.client()) {
            bystander.subscribe("b", "/queue/bystander");
            for (int c = 0; c < CONNECTIONS; c++) {
                try (StompClient fuzzer = StompClient.open(broker.port())) {
                    if (random.nextInt(10) > 0) {
                        fuzzer.connect("alice", "secret");
                    }
                    for (int f = 0; f < FRAMES_PER_CONNECTION && !fuzzer.isClosedByBroker(); f++) {
                        try {
                            fuzzer.raw(frame(random));
                        } catch (IOException closed) {
                            break;
                        }
                    }
                }
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    assertThat(broker.broker.connectionCount()).isEqualTo(1);
                    assertThat(broker.consumers("fuzz")).isZero();
                });
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(broker.broker.protocolAcceptor("stomp").openChannels()).isEqualTo(1);
                assertThat(broker.broker.postOffice().queues())
                        .noneMatch(queue -> queue.name().startsWith("temp:") || queue.consumerCount() > 0
                                && !queue.name().equals("bystander"));
            });
            bystander.withReceipt("SEND", null, "destination", "/queue/bystander", "n", "still here");
            assertThat(bystander.receive().header("n")).isEqualTo("still here");
        }
    }

    private static byte[] frame(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((pick(random, COMMANDS) + "\n").getBytes(StandardCharsets.UTF_8));
        int headers = random.nextInt(6);
        byte[] body = new byte[random.nextInt(4) == 0 ? random.nextInt(40_000) : random.nextInt(64)];
        random.nextBytes(body);
        boolean contentLength = random.nextBoolean();
        for (int i = 0; i < headers; i++) {
            out.writeBytes((pick(random, HEADERS) + ":" + pick(random, VALUES) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (contentLength) {
            int declared = random.nextInt(8) == 0 ? random.nextInt(100) : body.length;
            out.writeBytes(("content-length:" + declared + "\n").getBytes(StandardCharsets.UTF_8));
        } else {
            for (int i = 0; i < body.length; i++) {
                if (body[i] == 0) {
                    body[i] = 'z';
                }
            }
        }
        out.write('\n');
        out.writeBytes(body);
        out.write(0);
        byte[] frame = out.toByteArray();
        switch (random.nextInt(6)) {
            case 0 -> frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
            case 1 -> frame = java.util.Arrays.copyOf(frame, random.nextInt(frame.length));
            default -> {
                // sent as generated
            }
        }
        return frame;
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
