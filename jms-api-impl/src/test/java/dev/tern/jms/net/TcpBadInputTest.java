package dev.tern.jms.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.MessageCodec;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.TypedValueCodec;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import dev.tern.protocol.wire.WireFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile and broken peers on a real socket: each is disconnected and logged once, or has its request
 * refused, and the broker keeps serving a normal JMS client, with no connection, socket or thread left
 * over.
 */
@Timeout(120)
class TcpBadInputTest {

    private static final int IDLE_TIMEOUT_MILLIS = 1_500;
    private static final int MAGIC = 0x5445524E;

    private static final String NAME = "bad-input-" + UUID.randomUUID().toString().substring(0, 8);
    private static Broker broker;
    private static TernConnectionFactory factory;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBrokers.start(BrokerConfig.named(NAME).withPersistent(false).withTcp(
                TcpSettings.onPort(0).withHost("127.0.0.1").withIdleTimeoutMillis(IDLE_TIMEOUT_MILLIS)));
        factory = new TernConnectionFactory("tcp://127.0.0.1:" + broker.tcpPort());
    }

    @AfterAll
    static void stopBroker() {
        EmbeddedBrokers.stop(NAME);
    }

    /** After every misbehaving peer: a normal client still works and nothing is left open. */
    @AfterEach
    void brokerStillServesAndLeaksNothing() {
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("still-serving");
            JMSConsumer consumer = context.createConsumer(queue);
            context.createProducer().send(queue, "alive");
            assertThat(consumer.receiveBody(String.class, 5_000)).isEqualTo("alive");
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(broker.connectionCount()).as("broker connections").isZero();
            assertThat(broker.tcpAcceptor().openChannels()).as("open sockets").isZero();
        });
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", broker.tcpPort());
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static byte[] hello(int version) throws IOException {
        return hello(version, 0);
    }

    private static byte[] hello(int version, int idleTimeoutMillis) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(version);
        out.writeInt(idleTimeoutMillis);
        return bytes.toByteArray();
    }

    /** Reads whatever the broker sends during the window; fails if the broker closes the socket. */
    private static byte[] readFor(Socket socket, Duration window) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        long deadline = System.nanoTime() + window.toNanos();
        for (long left = window.toMillis(); left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
            socket.setSoTimeout((int) left);
            try {
                int n = in.read(buffer);
                assertThat(n).as("the broker closed the socket").isNotNegative();
                received.write(buffer, 0, n);
            } catch (SocketTimeoutException windowOver) {
                break;
            }
        }
        return received.toByteArray();
    }

    /** Reads until the broker closes the socket; fails if it is still open after the socket timeout. */
    private static byte[] readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the broker did not close the connection", e);
        } catch (SocketException reset) {
            // closed by the broker with a reset: closed all the same
        }
        return received.toByteArray();
    }

    @Test
    void randomBytesCloseTheConnection() throws IOException {
        byte[] garbage = new byte[10_000];
        new Random(7).nextBytes(garbage);
        try (Socket socket = connect()) {
            socket.getOutputStream().write(garbage);
            assertThat(readUntilClosed(socket)).as("no answer to a stranger").isEmpty();
        }
    }

    @Test
    void aFrameClaimingTwoGibibytesClosesTheConnection() throws IOException {
        try (Socket socket = connect()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write(hello(WireFormat.VERSION));
            out.writeInt(Integer.MAX_VALUE);
            out.write(new byte[100]);
            out.flush();
            assertThat(readUntilClosed(socket)).hasSize(12);
        }
    }

    @Test
    void halfAFrameThenSilenceIsClosedAfterTheIdleTimeout() throws IOException {
        try (Socket socket = connect()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write(hello(WireFormat.VERSION));
            out.writeInt(100);
            out.write(new byte[10]);
            out.flush();
            long start = System.nanoTime();
            readUntilClosed(socket);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(IDLE_TIMEOUT_MILLIS / 2));
        }
    }

    @Test
    void aPeerThatNeverSaysHelloIsClosedAfterTheIdleTimeout() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(new byte[] {0x54, 0x45});
            assertThat(readUntilClosed(socket)).isEmpty();
        }
    }

    @Test
    void aWrongProtocolVersionIsAnsweredWithAClearErrorAndClosed() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(hello(99));
            byte[] answer = readUntilClosed(socket);
            assertThat(new String(answer, StandardCharsets.UTF_8))
                    .contains("protocol version 99")
                    .contains("speaks version " + WireFormat.VERSION);
        }
    }

    @Test
    void aHelloAskingForAThreeMillisecondIdleTimeoutGetsAHeartbeatAThirdOfASecondAtMost() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(hello(WireFormat.VERSION, 3));
            byte[] received = readFor(socket, Duration.ofMillis(1_000));
            int heartbeats = (received.length - WireFormat.HELLO_SIZE) / 5;
            assertThat(heartbeats).as("heartbeats in one second").isBetween(1, 4);
        }
    }

    private interface Fields {
        void write(DataOutputStream out) throws IOException;
    }

    private static void writeFrame(DataOutputStream out, int type, Fields fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream frame = new DataOutputStream(bytes);
        frame.writeByte(type);
        fields.write(frame);
        out.writeInt(bytes.size());
        bytes.writeTo(out);
    }

    /** Reads one Ok (64) or Failed (65) answer and says it as "requestId Ok" or "requestId Failed CODE message". */
    private static String readAnswer(DataInputStream in) throws IOException {
        int length = in.readInt();
        int type = in.readUnsignedByte();
        long requestId = in.readLong();
        if (type == 64) {
            return requestId + " Ok";
        }
        assertThat(type).as("an Ok or a Failed, %d bytes", length).isEqualTo(65);
        ErrorCode code = ErrorCode.values()[in.readUnsignedByte()];
        return requestId + " Failed " + code + " " + TypedValueCodec.readString(in);
    }

    private static byte[] messageWithProperties(int count) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            properties.put("p" + i, null);
        }
        return MessageCodec.encode(new MessageRecord(null, DestinationName.queue("many-properties"), 0, null, null,
                null, false, 4, 0, 0, properties, BodyType.TEXT, "body".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSendWithMorePropertiesThanTheBrokerAcceptsIsRefusedAndTheConnectionKeepsServing() throws IOException {
        try (Socket socket = connect()) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            out.write(hello(WireFormat.VERSION));
            writeFrame(out, 1, f -> {
                f.writeLong(1);
                f.writeInt(-1);
                f.writeInt(-1);
                f.writeInt(-1);
            });
            writeFrame(out, 3, f -> {
                f.writeLong(2);
                f.writeLong(1);
                f.writeByte(0);
            });
            writeFrame(out, 7, f -> {
                f.writeLong(3);
                f.writeLong(1);
                f.write(messageWithProperties(100_000));
            });
            writeFrame(out, 7, f -> {
                f.writeLong(4);
                f.writeLong(1);
                f.write(messageWithProperties(3));
            });
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            in.skipNBytes(WireFormat.HELLO_SIZE);
            Map<Long, String> answers = new TreeMap<>();
            for (int i = 0; i < 4; i++) {
                String answer = readAnswer(in);
                answers.put(Long.parseLong(answer.substring(0, answer.indexOf(' '))), answer);
            }
            assertThat(answers).containsEntry(1L, "1 Ok").containsEntry(2L, "2 Ok").containsEntry(4L, "4 Ok");
            assertThat(answers.get(3L)).startsWith("3 Failed RESOURCE_ALLOCATION")
                    .contains("100000 properties").contains("maxMessageProperties");
        }
    }

    @Test
    void heartbeatsKeepAnIdleClientConnected() {
        try (JMSContext idle = factory.createContext()) {
            idle.createQueue("idle");
            await().during(Duration.ofMillis(2 * IDLE_TIMEOUT_MILLIS)).atMost(Duration.ofMillis(4 * IDLE_TIMEOUT_MILLIS))
                    .until(() -> broker.connectionCount() == 1);
            Queue queue = idle.createQueue("idle");
            idle.createProducer().send(queue, "still here");
            assertThat(idle.createConsumer(queue).receiveBody(String.class, 5_000)).isEqualTo("still here");
        }
    }

    @Test
    void aThousandConnectionsOpenedAndDroppedLeaveNothingBehind() throws Exception {
        for (int i = 0; i < 20; i++) {
            openAndDrop(i);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.tcpAcceptor().openChannels() == 0);
        Set<String> threadsBefore = threadNames();
        for (int i = 0; i < 1_000; i++) {
            openAndDrop(i);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(broker.tcpAcceptor().openChannels()).isZero();
            assertThat(broker.connectionCount()).isZero();
        });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(threadNames()).isSubsetOf(threadsBefore));
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).filter(name -> !name.startsWith("awaitility"))
                .collect(Collectors.toSet());
    }

    /** Opens a socket and drops it: silently, after a hello, or with a reset after a hello. */
    private static void openAndDrop(int i) throws IOException {
        try (Socket socket = connect()) {
            if (i % 3 == 1) {
                socket.getOutputStream().write(hello(WireFormat.VERSION));
            } else if (i % 3 == 2) {
                socket.getOutputStream().write(hello(WireFormat.VERSION));
                socket.setSoLinger(true, 0);
            }
        }
    }
}
