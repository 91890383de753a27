package dev.tern.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.net.TcpSettings;
import jakarta.jms.JMSContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.Attach;
import org.apache.qpid.proton.amqp.transport.Begin;
import org.apache.qpid.proton.amqp.transport.Flow;
import org.apache.qpid.proton.amqp.transport.Open;
import org.apache.qpid.proton.amqp.transport.Role;
import org.apache.qpid.proton.amqp.transport.Transfer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Malformed, oversized and out-of-order input closes only its own connection and leaves nothing behind. */
class AmqpBadInputTest extends AmqpBrokerSupport {

    private static final int MAX_FRAME = 4096;

    @BeforeEach
    void start() {
        name = null;
        startBroker(config -> config.withProtocol("amqp",
                TcpSettings.onPort(0).withHost("127.0.0.1").withMaxFrameSize(MAX_FRAME)));
    }

    @Test
    void garbageInsteadOfAProtocolHeaderClosesTheConnection() throws Exception {
        try (RawAmqpSocket socket = new RawAmqpSocket(amqpPort())) {
            socket.write("GET / HTTP/1.1\r\nHost: tern\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.readUntilClosed();
        }
        assertNothingLeftAndOthersServed();
    }

    @Test
    void aFrameBeyondTheMaximumFrameSizeClosesTheConnection() throws Exception {
        try (RawAmqpSocket socket = new RawAmqpSocket(amqpPort())) {
            socket.write(RawAmqpSocket.AMQP_HEADER);
            byte[] frame = new byte[MAX_FRAME * 4];
            ByteBuffer.wrap(frame).putInt(frame.length).put((byte) 2).put((byte) 0).putShort((short) 0);
            socket.write(frame);
            socket.readUntilClosed();
        }
        assertNothingLeftAndOthersServed();
    }

    @Test
    void aMalformedFrameAfterOpenClosesTheConnection() throws Exception {
        try (RawAmqpSocket socket = new RawAmqpSocket(amqpPort())) {
            socket.write(RawAmqpSocket.AMQP_HEADER);
            Open open = new Open();
            open.setContainerId("raw");
            socket.writeFrame(0, open);
            socket.write(new byte[] {0, 0, 0, 16, 2, 0, 0, 0, (byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef,
                    1, 2, 3, 4});
            socket.readUntilClosed();
        }
        assertNothingLeftAndOthersServed();
    }

    @Test
    void anAttachBeforeBeginClosesTheConnection() throws Exception {
        try (RawAmqpSocket socket = new RawAmqpSocket(amqpPort())) {
            socket.write(RawAmqpSocket.AMQP_HEADER);
            Open open = new Open();
            open.setContainerId("raw");
            socket.writeFrame(0, open);
            Attach attach = new Attach();
            attach.setName("early");
            attach.setHandle(UnsignedInteger.ZERO);
            attach.setRole(Role.RECEIVER);
            Source source = new Source();
            source.setAddress("victim");
            source.setCapabilities(Symbol.valueOf("queue"));
            attach.setSource(source);
            attach.setTarget(new Target());
            socket.writeFrame(3, attach);
            String answer = new String(socket.readUntilClosed(), StandardCharsets.ISO_8859_1);
            assertThat(answer).as("a close naming the error").contains("amqp:").contains("not begun");
        }
        assertNothingLeftAndOthersServed();
    }

    @Test
    void aSecondAttachOnAHandleInUseClosesTheConnection() throws Exception {
        try (RawAmqpSocket socket = new RawAmqpSocket(amqpPort())) {
            openAndBegin(socket);
            Attach attach = new Attach();
            attach.setName("twice");
            attach.setHandle(UnsignedInteger.ONE);
            attach.setRole(Role.SENDER);
            attach.setInitialDeliveryCount(UnsignedInteger.ZERO);
            attach.setSource(new Source());
            Target target = new Target();
            target.setAddress("victim");
            attach.setTarget(target);
            socket.writeFrame(0, attach);
            socket.writeFrame(0, attach);
            String answer = new String(socket.readUntilClosed(), StandardCharsets.ISO_8859_1);
            assertThat(answer).as("a close naming the error").contains("already in use");
        }
        assertNothingLeftAndOthersServed();
    }

    @Test
    void aTransferOnAHandleNeverAttachedClosesTheConnection() throws Exception {
        try (RawAmqpSocket socket = new RawAmqpSocket(amqpPort())) {
            openAndBegin(socket);
            Transfer transfer = new Transfer();
            transfer.setHandle(UnsignedInteger.valueOf(7));
            transfer.setDeliveryId(UnsignedInteger.ZERO);
            transfer.setDeliveryTag(new Binary(new byte[] {1}));
            transfer.setMessageFormat(UnsignedInteger.ZERO);
            socket.writeFrame(0, transfer);
            String answer = new String(socket.readUntilClosed(), StandardCharsets.ISO_8859_1);
            assertThat(answer).as("a close naming the error").contains("not attached");
        }
        assertNothingLeftAndOthersServed();
    }

    private static void openAndBegin(RawAmqpSocket socket) throws Exception {
        socket.write(RawAmqpSocket.AMQP_HEADER);
        Open open = new Open();
        open.setContainerId("raw");
        socket.writeFrame(0, open);
        Begin begin = new Begin();
        begin.setNextOutgoingId(UnsignedInteger.ZERO);
        begin.setIncomingWindow(UnsignedInteger.valueOf(100));
        begin.setOutgoingWindow(UnsignedInteger.valueOf(100));
        socket.writeFrame(0, begin);
    }

    @Test
    void garbageAfterAConsumerWasAttachedRemovesTheConsumer() throws Exception {
        try (RawAmqpSocket socket = new RawAmqpSocket(amqpPort())) {
            socket.write(RawAmqpSocket.AMQP_HEADER);
            Open open = new Open();
            open.setContainerId("raw");
            socket.writeFrame(0, open);
            Begin begin = new Begin();
            begin.setNextOutgoingId(UnsignedInteger.ZERO);
            begin.setIncomingWindow(UnsignedInteger.valueOf(100));
            begin.setOutgoingWindow(UnsignedInteger.valueOf(100));
            socket.writeFrame(0, begin);
            Attach attach = new Attach();
            attach.setName("greedy");
            attach.setHandle(UnsignedInteger.ZERO);
            attach.setRole(Role.RECEIVER);
            Source source = new Source();
            source.setAddress("victim");
            attach.setSource(source);
            attach.setTarget(new Target());
            socket.writeFrame(0, attach);
            Flow flow = new Flow();
            flow.setHandle(UnsignedInteger.ZERO);
            flow.setDeliveryCount(UnsignedInteger.ZERO);
            flow.setLinkCredit(UnsignedInteger.valueOf(100));
            flow.setNextIncomingId(UnsignedInteger.ZERO);
            flow.setIncomingWindow(UnsignedInteger.valueOf(100));
            flow.setNextOutgoingId(UnsignedInteger.ZERO);
            flow.setOutgoingWindow(UnsignedInteger.valueOf(100));
            socket.writeFrame(0, flow);
            socket.readUntilContains("victim");
            socket.write(new byte[] {0, 0, 0, 12, 2, 0, 0, 0, 0x7f, 0x7f, 0x7f, 0x7f});
            socket.readUntilClosed();
        }
        assertNothingLeftAndOthersServed();
    }

    @Test
    void aSaslHeaderFollowedByGarbageClosesTheConnection() throws Exception {
        try (RawAmqpSocket socket = new RawAmqpSocket(amqpPort())) {
            socket.write(RawAmqpSocket.SASL_HEADER);
            socket.write(new byte[] {0, 0, 0, 12, 2, 1, 0, 0, 0x55, 0x55, 0x55, 0x55});
            socket.readUntilClosed();
        }
        assertNothingLeftAndOthersServed();
    }

    private void assertNothingLeftAndOthersServed() {
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.connectionCount() == 0);
        try (JMSContext context = qpid().createContext()) {
            var queue = context.createQueue("victim");
            context.createProducer().send(queue, "still served");
            assertThat(context.createConsumer(queue).receiveBody(String.class, 5_000)).isEqualTo("still served");
        }
        assertThat(broker.messageCount("victim")).hasValue(0);
    }
}
