package dev.tern.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.net.TcpSettings;
import jakarta.jms.JMSContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.security.SaslInit;
import org.apache.qpid.proton.amqp.transport.Attach;
import org.apache.qpid.proton.amqp.transport.Begin;
import org.apache.qpid.proton.amqp.transport.Close;
import org.apache.qpid.proton.amqp.transport.Detach;
import org.apache.qpid.proton.amqp.transport.Disposition;
import org.apache.qpid.proton.amqp.transport.End;
import org.apache.qpid.proton.amqp.transport.Flow;
import org.apache.qpid.proton.amqp.transport.Open;
import org.apache.qpid.proton.amqp.transport.Role;
import org.apache.qpid.proton.amqp.transport.Transfer;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many short connections that send a valid AMQP or SASL header and then random bytes, random frames, or a
 * real client session (open, begin, attach, transfer, flow, disposition, detach, end, close) with bytes
 * flipped, frames cut short, duplicated, dropped or swapped: whatever arrives, the broker closes that
 * connection (at the latest when its input ends), keeps nothing of it, and goes on serving a bystander.
 */
@Timeout(120)
class AmqpFuzzTest extends AmqpBrokerSupport {

    private static final int MAX_FRAME = 16 * 1024;
    private static final int CONNECTIONS = 100;
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(5);

    private final EncoderImpl encoder = newEncoder();

    @BeforeEach
    void start() {
        startBroker(config -> config.withProtocol("amqp",
                TcpSettings.onPort(0).withHost("127.0.0.1").withMaxFrameSize(MAX_FRAME)));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 1234, 99_991})
    void hostileConnectionsCloseAloneAndLeaveNothingBehind(long seed) throws Exception {
        Random random = new Random(seed);
        try (ProtonClient bystander = new ProtonClient(amqpPort(), "bystander")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.connectionCount() == 1);
            for (int c = 0; c < CONNECTIONS; c++) {
                List<byte[]> frames = connectionInput(random, c);
                sendAndAwaitClose(frames, "seed " + seed + " connection " + c);
                await("connection " + c + " of seed " + seed + " released").atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> broker.connectionCount() == 1);
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(broker.postOffice().queues())
                    .noneMatch(queue -> queue.name().startsWith("temp:") || queue.consumerCount() > 0));
            bystander.send("bystander", "still here");
            assertThat(bystander.receive("after-fuzz", "bystander", false, 1)).containsExactly("still here");
        }
        try (JMSContext context = qpid().createContext()) {
            var queue = context.createQueue("after-fuzz");
            context.createProducer().send(queue, "still served");
            assertThat(context.createConsumer(queue).receiveBody(String.class, 5_000)).isEqualTo("still served");
        }
    }

    /** The bytes of one hostile connection, as a list of writes (mostly one frame each). */
    private List<byte[]> connectionInput(Random random, int connection) {
        List<byte[]> writes = new ArrayList<>();
        switch (random.nextInt(5)) {
            case 0 -> {
                writes.add(RawAmqpSocket.AMQP_HEADER);
                for (int i = random.nextInt(8); i >= 0; i--) {
                    writes.add(randomBytes(random, random.nextInt(200)));
                }
            }
            case 1 -> {
                writes.add(random.nextBoolean() ? RawAmqpSocket.AMQP_HEADER : RawAmqpSocket.SASL_HEADER);
                if (random.nextBoolean()) {
                    writes.add(frame(0, 0, open(connection), null));
                }
                for (int i = random.nextInt(20); i >= 0; i--) {
                    writes.add(randomFrame(random));
                }
            }
            case 2, 3 -> {
                writes.add(RawAmqpSocket.AMQP_HEADER);
                writes.addAll(mutate(random, session(connection)));
            }
            default -> {
                writes.add(RawAmqpSocket.SASL_HEADER);
                List<byte[]> frames = new ArrayList<>();
                frames.add(saslInit());
                frames.add(RawAmqpSocket.AMQP_HEADER);
                frames.addAll(session(connection));
                writes.addAll(mutate(random, frames));
            }
        }
        return writes;
    }

    /** Writes the input, ends it, and expects the broker to close the socket within {@link #CLOSE_BOUND}. */
    private void sendAndAwaitClose(List<byte[]> writes, String what) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", amqpPort())) {
            socket.setSoTimeout((int) CLOSE_BOUND.toMillis());
            try {
                for (byte[] write : writes) {
                    socket.getOutputStream().write(write);
                }
                socket.getOutputStream().flush();
                socket.shutdownOutput();
            } catch (IOException closedByBroker) {
                // the broker closed the connection while the fuzz was still writing
            }
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[8192];
            long read = 0;
            try {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    read += n;
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("The broker did not close " + what + " within " + CLOSE_BOUND
                        + "; it sent " + read + " bytes", e);
            } catch (IOException reset) {
                // a reset counts as closed
            }
        }
    }

    /** A real client's session: what a producer and a consumer on one connection write, frame by frame. */
    private List<byte[]> session(int connection) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(frame(0, 0, open(connection), null));
        Begin begin = new Begin();
        begin.setNextOutgoingId(UnsignedInteger.ZERO);
        begin.setIncomingWindow(UnsignedInteger.valueOf(100));
        begin.setOutgoingWindow(UnsignedInteger.valueOf(100));
        frames.add(frame(0, 0, begin, null));

        Attach producer = new Attach();
        producer.setName("fuzz-producer");
        producer.setHandle(UnsignedInteger.ONE);
        producer.setRole(Role.SENDER);
        producer.setInitialDeliveryCount(UnsignedInteger.ZERO);
        producer.setSource(new Source());
        Target target = new Target();
        target.setAddress("fuzz");
        producer.setTarget(target);
        frames.add(frame(0, 0, producer, null));
        Transfer transfer = new Transfer();
        transfer.setHandle(UnsignedInteger.ONE);
        transfer.setDeliveryId(UnsignedInteger.ZERO);
        transfer.setDeliveryTag(new Binary(new byte[] {0}));
        transfer.setMessageFormat(UnsignedInteger.ZERO);
        frames.add(frame(0, 0, transfer, message("fuzz " + connection)));

        Attach consumer = new Attach();
        consumer.setName("fuzz-consumer");
        consumer.setHandle(UnsignedInteger.ZERO);
        consumer.setRole(Role.RECEIVER);
        Source source = new Source();
        source.setAddress("fuzz");
        source.setCapabilities(Symbol.valueOf("queue"));
        consumer.setSource(source);
        consumer.setTarget(new Target());
        frames.add(frame(0, 0, consumer, null));
        Flow flow = new Flow();
        flow.setHandle(UnsignedInteger.ZERO);
        flow.setDeliveryCount(UnsignedInteger.ZERO);
        flow.setLinkCredit(UnsignedInteger.valueOf(10));
        flow.setNextIncomingId(UnsignedInteger.ZERO);
        flow.setIncomingWindow(UnsignedInteger.valueOf(100));
        flow.setNextOutgoingId(UnsignedInteger.ONE);
        flow.setOutgoingWindow(UnsignedInteger.valueOf(100));
        frames.add(frame(0, 0, flow, null));
        Disposition disposition = new Disposition();
        disposition.setRole(Role.RECEIVER);
        disposition.setFirst(UnsignedInteger.ZERO);
        disposition.setSettled(true);
        disposition.setState(Accepted.getInstance());
        frames.add(frame(0, 0, disposition, null));

        Detach detach = new Detach();
        detach.setHandle(UnsignedInteger.ZERO);
        detach.setClosed(true);
        frames.add(frame(0, 0, detach, null));
        frames.add(frame(0, 0, new End(), null));
        frames.add(frame(0, 0, new Close(), null));
        return frames;
    }

    /** One to four mutations: bytes flipped, a frame cut short, duplicated, dropped, swapped, or noise inserted. */
    private static List<byte[]> mutate(Random random, List<byte[]> valid) {
        List<byte[]> frames = new ArrayList<>(valid);
        for (int m = random.nextInt(4); m >= 0; m--) {
            int i = random.nextInt(frames.size());
            byte[] target = frames.get(i).clone();
            switch (random.nextInt(7)) {
                case 0 -> {
                    for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                        target[random.nextInt(target.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    frames.set(i, target);
                }
                case 1 -> {
                    target[random.nextInt(target.length)] = (byte) random.nextInt(256);
                    frames.set(i, target);
                }
                case 2 -> frames.set(i, Arrays.copyOf(target, random.nextInt(target.length)));
                case 3 -> frames.add(i, target);
                case 4 -> frames.remove(i);
                case 5 -> {
                    int j = random.nextInt(frames.size());
                    frames.set(i, frames.get(j));
                    frames.set(j, target);
                }
                default -> frames.add(i, random.nextBoolean() ? randomFrame(random)
                        : randomBytes(random, random.nextInt(40)));
            }
            if (frames.isEmpty()) {
                frames.add(randomBytes(random, 16));
            }
        }
        return frames;
    }

    /** A frame header that is valid (size, doff 2, AMQP or SASL type, a channel) with a random body. */
    private static byte[] randomFrame(Random random) {
        int bodySize = random.nextInt(8) == 0 ? random.nextInt(MAX_FRAME * 2) : random.nextInt(120);
        byte[] frame = randomBytes(random, 8 + bodySize);
        ByteBuffer.wrap(frame).putInt(frame.length).put((byte) 2).put((byte) random.nextInt(2))
                .putShort((short) random.nextInt(3));
        if (bodySize > 0 && random.nextBoolean()) {
            frame[8] = 0x00; // a described type, as every performative is
        }
        return frame;
    }

    private static byte[] randomBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Open open(int connection) {
        Open open = new Open();
        open.setContainerId("fuzz-" + connection);
        open.setMaxFrameSize(UnsignedInteger.valueOf(MAX_FRAME));
        return open;
    }

    private byte[] saslInit() {
        SaslInit init = new SaslInit();
        init.setMechanism(Symbol.valueOf("ANONYMOUS"));
        init.setInitialResponse(new Binary(new byte[0]));
        return frame(1, 0, init, null);
    }

    private static byte[] message(String text) {
        Message message = Proton.message();
        message.setDurable(true);
        message.setBody(new AmqpValue(text));
        byte[] buffer = new byte[1024];
        int size = message.encode(buffer, 0, buffer.length);
        return Arrays.copyOf(buffer, size);
    }

    /** Encodes one frame: the header, the performative (AMQP type 0, SASL type 1) and an optional payload. */
    private byte[] frame(int type, int channel, Object performative, byte[] payload) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        buffer.position(8);
        encoder.setByteBuffer(buffer);
        encoder.writeObject(performative);
        if (payload != null) {
            buffer.put(payload);
        }
        int size = buffer.position();
        buffer.putInt(0, size).put(4, (byte) 2).put(5, (byte) type).putShort(6, (short) channel);
        return Arrays.copyOf(buffer.array(), size);
    }

    private static EncoderImpl newEncoder() {
        DecoderImpl decoder = new DecoderImpl();
        EncoderImpl encoder = new EncoderImpl(decoder);
        AMQPDefinedTypes.registerAllTypes(decoder, encoder);
        return encoder;
    }
}
