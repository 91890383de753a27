package dev.tern.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.protocol.MessageLimits;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input closes only its own connection, after an ERROR frame where one can be written, and leaves
 * nothing of it on the broker: no connection, no consumer; another client keeps working.
 */
@Timeout(60)
class StompBadInputTest {

    private static final int MAX_FRAME = 8 * 1024;

    private StompBroker broker;
    private StompClient bystander;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        broker = new StompBroker(dir, settings -> settings.withMaxFrameSize(MAX_FRAME)
                .withMessageLimits(MessageLimits.DEFAULT.withMaxProperties(20).withMaxHeaderSize(2048)));
        bystander = broker.client();
        bystander.subscribe("b", "/queue/victim");
    }

    @AfterEach
    void stop() {
        try {
            bystander.close();
        } finally {
            broker.close();
        }
    }

    static Stream<Arguments> badFramesAfterConnect() {
        return Stream.of(
                Arguments.of("garbage bytes", bytes(0x00, 0x01, 0xfe, 0xff, 0x80, 0x0a, 0x0a, 0x00)),
                Arguments.of("unknown command", text("FROB\ndestination:/queue/x\n\n\0")),
                Arguments.of("a second CONNECT", text("CONNECT\naccept-version:1.2\nlogin:alice\npasscode:secret\n\n\0")),
                Arguments.of("a server frame", text("MESSAGE\ndestination:/queue/x\n\n\0")),
                Arguments.of("SEND without destination", text("SEND\n\nbody\0")),
                Arguments.of("SUBSCRIBE without id", text("SUBSCRIBE\ndestination:/queue/x\n\n\0")),
                Arguments.of("bad ack mode", text("SUBSCRIBE\nid:z\ndestination:/queue/x\nack:sometimes\n\n\0")),
                Arguments.of("bad priority", text("SEND\ndestination:/queue/x\npriority:11\n\n\0")),
                Arguments.of("bad expires", text("SEND\ndestination:/queue/x\nexpires:soon\n\n\0")),
                Arguments.of("undefined escape", text("SEND\ndestination:/queue/x\nfoo:a\\tb\n\n\0")),
                Arguments.of("header without colon", text("SEND\ndestination:/queue/x\nnocolon\n\n\0")),
                Arguments.of("negative content-length", text("SEND\ndestination:/queue/x\ncontent-length:-5\n\n\0")),
                Arguments.of("content-length not a number", text("SEND\ndestination:/queue/x\ncontent-length:many\n\n\0")),
                Arguments.of("body longer than content-length", text("SEND\ndestination:/queue/x\ncontent-length:2\n\nabcdef\0")),
                Arguments.of("body beyond the frame limit", oversizedBody(true)),
                Arguments.of("body beyond the frame limit, no content-length", oversizedBody(false)),
                Arguments.of("endless header block", endlessHeaders()),
                Arguments.of("header line beyond the limit", text("SEND\ndestination:/queue/x\nh:" + "v".repeat(4096) + "\n\n\0")),
                Arguments.of("too many headers", tooManyHeaders()),
                Arguments.of("ACK of an unknown message", text("ACK\nid:99999\n\n\0")),
                Arguments.of("COMMIT of an unknown transaction", text("COMMIT\ntransaction:nope\n\n\0")),
                Arguments.of("UNSUBSCRIBE of an unknown subscription", text("UNSUBSCRIBE\nid:nope\n\n\0")),
                Arguments.of("an unescaped colon in a header value", text("SEND\ndestination:/queue/a:b\n\n\0")),
                Arguments.of("a plain queue named like a temporary one", text("SEND\ndestination:/queue/temp\\cx\n\n\0")),
                Arguments.of("SEND to a temporary queue that does not exist", text("SEND\ndestination:/temp-queue/a:b\n\n\0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFramesAfterConnect")
    void badFrameAfterConnectClosesOnlyThatConnectionAndLeavesNothingBehind(String what, byte[] frame) throws Exception {
        try (StompClient bad = broker.client()) {
            bad.subscribe("v", "/queue/victim", "ack", "client");
            bad.withReceipt("SEND", null, "destination", "/queue/other");
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.consumers("victim") == 2);

            bad.raw(frame);
            StompClient.Frame last = bad.awaitClosed();
            if (last != null) {
                assertThat(last.command()).as("last frame before closing: %s", last).isEqualTo("ERROR");
                assertThat(last.header("message")).isNotBlank();
            }
        }
        assertNothingLeftAndBystanderWorks();
    }

    @Test
    void sendBeforeConnectIsAnErrorAndLeavesNoConnection() throws Exception {
        try (StompClient bad = StompClient.open(broker.port())) {
            bad.textFrame("SEND", "early", "destination", "/queue/victim");
            StompClient.Frame error = bad.receive();
            assertThat(error.command()).isEqualTo("ERROR");
            assertThat(error.header("message")).contains("CONNECT");
            bad.awaitClosed();
        }
        assertNothingLeftAndBystanderWorks();
        assertThat(broker.messages("victim")).isZero();
    }

    @Test
    void garbageBeforeConnectClosesTheSocket() throws Exception {
        try (StompClient bad = StompClient.open(broker.port())) {
            bad.raw(bytes(0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03, 0x0a, 0x0a));
            bad.awaitClosed();
        }
        assertNothingLeftAndBystanderWorks();
    }

    @Test
    void aSocketDroppedMidFrameLeavesNothingBehind() throws Exception {
        StompClient bad = broker.client();
        bad.subscribe("v", "/queue/victim", "ack", "client");
        bad.raw(text("SEND\ndestination:/queue/victim\ncontent-length:100\n\nonly part"));
        bad.close();
        assertNothingLeftAndBystanderWorks();
    }

    @Test
    void aSocketDroppedBetweenABodyAndItsNulLeavesNothingBehind() throws Exception {
        StompClient bad = broker.client();
        bad.withReceipt("SEND", null, "destination", "/queue/other");
        bad.raw(text("SEND\ndestination:/queue/victim\ncontent-length:4\n\nbody"));
        bad.close();
        assertNothingLeftAndBystanderWorks();
        assertThat(broker.messages("victim")).isZero();
    }

    private void assertNothingLeftAndBystanderWorks() throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(broker.broker.connectionCount()).isEqualTo(1);
            assertThat(broker.consumers("victim")).isEqualTo(1);
        });
        bystander.withReceipt("SEND", null, "destination", "/queue/victim", "n", "after");
        StompClient.Frame frame = bystander.receive();
        assertThat(frame.header("n")).isEqualTo("after");
        assertThat(broker.broker.protocolAcceptor("stomp").openChannels()).isEqualTo(1);
    }

    static byte[] text(String frame) {
        return frame.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] oversizedBody(boolean withLength) {
        byte[] body = new byte[MAX_FRAME * 2];
        Arrays.fill(body, (byte) 'x');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text("SEND\ndestination:/queue/x\n" + (withLength ? "content-length:" + body.length + "\n" : "") + "\n"));
        out.writeBytes(body);
        out.write(0);
        return out.toByteArray();
    }

    private static byte[] endlessHeaders() {
        StringBuilder frame = new StringBuilder("SEND\ndestination:/queue/x\n");
        for (int i = 0; frame.length() < MAX_FRAME * 2; i++) {
            frame.append("h").append(i).append(":v\n");
        }
        return text(frame.toString());
    }

    private static byte[] tooManyHeaders() {
        StringBuilder frame = new StringBuilder("SEND\ndestination:/queue/x\n");
        for (int i = 0; i < 60; i++) {
            frame.append("p").append(i).append(":v\n");
        }
        return text(frame.append("\n\0").toString());
    }
}
