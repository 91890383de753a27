package dev.tern.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tern.protocol.AckMode;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.Event;
import dev.tern.protocol.MessageCodec;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.TypedValueCodec;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an operator reads when a peer sends a frame that breaks the format: the frame's type and name,
 * the field that is missing or wrong, and never a bare {@code null} or JDK message.
 */
class FrameErrorTextTest {

    /** How every refusal of a frame's fields reads. */
    private static final String SHAPE = "frame of type \\d+ \\([A-Za-z]+\\) "
            + "(ends before its field '[\\w.]+'|ends inside its field '[\\w.]+': .+|has an invalid field '[\\w.]+': .+)";

    /** The type byte and fields of a command, as the encoder writes them. */
    private static byte[] fields(Command command) {
        return bytes(out -> CommandCodec.write(out, command));
    }

    private static byte[] fields(Event event) {
        return bytes(out -> EventCodec.write(out, event));
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] bytes(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] cut(byte[] fields, int dropped) {
        return Arrays.copyOf(fields, fields.length - dropped);
    }

    private static byte[] concat(byte[]... parts) {
        return bytes(out -> {
            for (byte[] part : parts) {
                out.write(part);
            }
        });
    }

    /** The message the decoder refuses the frame with: a length prefix is added to the type and fields. */
    private static String refusal(boolean toBroker, byte[] typeAndFields) {
        EmbeddedChannel channel = new EmbeddedChannel(toBroker ? FrameDecoder.forBroker(1 << 20) : FrameDecoder.forClient(1 << 20));
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes(out -> {
                out.writeInt(WireFormat.MAGIC);
                out.writeInt(WireFormat.VERSION);
                out.writeInt(0);
            })));
            channel.readInbound();
            Throwable thrown = catchThrowable(() -> channel.writeInbound(Unpooled.wrappedBuffer(bytes(out -> {
                out.writeInt(typeAndFields.length);
                out.write(typeAndFields);
            }))));
            assertThat(thrown).as("refused").isNotNull();
            WireException wire = WireException.in(thrown);
            assertThat(wire).as("a WireException in %s", thrown).isNotNull();
            return wire.getMessage();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static final DestinationName QUEUE = DestinationName.queue("orders");

    private static MessageRecord message(int priority) {
        return new MessageRecord("ID:1", QUEUE, 1L, null, null, null, false, priority, 0, 0,
                Map.of("color", "red"), BodyType.TEXT, "hi".getBytes());
    }

    /**
     * Where the properties of {@link #message}'s encoding start: before the body (length and "hi") and the
     * one property (count, "color", a string tag and "red").
     */
    private static int startOfProperties(byte[] messageFields) {
        return messageFields.length - (4 + 2) - (4 + (4 + 5) + (1 + 4 + 3));
    }

    /** A Send whose message the test writes itself, field by field. */
    private static byte[] send(Writer message) {
        return concat(bytes(out -> {
            out.writeByte(CommandCodec.SEND);
            out.writeLong(1);
            out.writeLong(2);
        }), bytes(message));
    }

    /** A CreateConsumer on a topic replaying from the given text. */
    private static byte[] replayingFrom(String replayFrom) {
        return bytes(out -> {
            out.writeByte(CommandCodec.CREATE_CONSUMER);
            out.writeLong(1);
            out.writeLong(2);
            out.writeLong(3);
            out.writeByte(DestinationType.TOPIC.ordinal());
            TypedValueCodec.writeString(out, "news");
            TypedValueCodec.writeString(out, null);
            out.writeByte(16);
            TypedValueCodec.writeString(out, null);
            TypedValueCodec.writeString(out, replayFrom);
            out.writeInt(10);
        });
    }

    static Stream<Arguments> refusals() {
        byte[] createConsumer = fields(new Command.CreateConsumer(1, 2, 3, ConsumerSpec.of(QUEUE), 100));
        byte[] createSession = fields(new Command.CreateSession(1, 2, AckMode.AUTO));
        byte[] deliver = fields(new Event.Deliver(1, 2, 3, message(4)));
        byte[] messageFields = MessageCodec.encode(message(4));
        return Stream.of(
                Arguments.of("a CreateConsumer without its credit", true, cut(createConsumer, 4),
                        "frame of type 5 (CreateConsumer) ends before its field 'credit'"),
                Arguments.of("a CreateSession of three bytes", true, Arrays.copyOf(createSession, 4),
                        "frame of type 3 (CreateSession) ends before its field 'requestId'"),
                Arguments.of("a CreateSession without its ack mode", true, cut(createSession, 1),
                        "frame of type 3 (CreateSession) ends before its field 'ackMode'"),
                Arguments.of("an unknown ack mode", true, concat(cut(createSession, 1), new byte[] {9}),
                        "frame of type 3 (CreateSession) has an invalid field 'ackMode': unknown AckMode 9"),
                Arguments.of("a CreateConsumer cut inside its destination name", true, Arrays.copyOf(createConsumer, 1 + 24 + 1 + 2),
                        "frame of type 5 (CreateConsumer) ends before its field 'spec.destination.name'"),
                Arguments.of("more IDs than the frame holds", true, cut(fields(new Command.CloseSession(1, 2, List.of(1L, 2L))), 8),
                        "frame of type 4 (CloseSession) has an invalid field 'consumed': ID count 2 does not fit the 8 bytes left"),
                Arguments.of("a SetClientId with a null client ID", true, bytes(out -> {
                    out.writeByte(CommandCodec.SET_CLIENT_ID);
                    out.writeLong(1);
                    out.writeInt(-1);
                }), "frame of type 2 (SetClientId) has an invalid field 'clientId': it is missing"),
                Arguments.of("a replayFrom instant beyond what epoch milliseconds hold", true,
                        replayingFrom("+1000000000-01-01T00:00:00Z"),
                        "frame of type 5 (CreateConsumer) has an invalid field 'spec.replayFrom': "
                                + "replayFrom instant +1000000000-01-01T00:00:00Z is out of range: it must lie between "
                                + "-292275055-05-16T16:47:04.192Z and +292278994-08-17T07:12:55.807Z."),
                Arguments.of("a message cut inside its fixed headers", true, send(out -> out.write(messageFields, 0, 15)),
                        "frame of type 7 (Send) ends inside its field 'message': the message ends at its expiration"),
                Arguments.of("a message cut before its properties", true,
                        send(out -> out.write(messageFields, 0, startOfProperties(messageFields))),
                        "frame of type 7 (Send) ends inside its field 'message': the message ends at its properties"),
                Arguments.of("a message with priority 12", true, send(out -> {
                    byte[] bytes = messageFields.clone();
                    bytes[2] = 12;
                    out.write(bytes);
                }), "frame of type 7 (Send) has an invalid field 'message': priority must be 0 to 9, was 12"),
                Arguments.of("a message whose destination has no name", true, send(out -> {
                    out.write(messageFields, 0, 4 + 24 + (4 + 4) + 4 + 4);
                    out.writeByte(0);
                    out.writeInt(-1);
                }), "frame of type 7 (Send) has an invalid field 'message': the message's destination has no name"),
                Arguments.of("a property without a name", true, send(out -> {
                    out.write(messageFields, 0, startOfProperties(messageFields));
                    out.writeInt(1);
                    out.writeInt(-1);
                    out.writeByte(0);
                    out.writeInt(0);
                }), "frame of type 7 (Send) has an invalid field 'message': property 1 of 1 has no name"),
                Arguments.of("an XA global transaction ID longer than XA allows", true, bytes(out -> {
                    out.writeByte(CommandCodec.XA_PREPARE);
                    out.writeLong(1);
                    out.writeInt(0);
                    out.writeInt(65);
                    out.write(new byte[65]);
                    out.writeInt(0);
                }), "frame of type 26 (XaPrepare) has an invalid field 'branch.globalTransactionId': length 65 is "
                        + "not between 0 and 64"),
                Arguments.of("a Deliver without its delivery count", false, Arrays.copyOf(deliver, 1 + 16 + 2),
                        "frame of type 68 (Deliver) ends before its field 'deliveryCount'"),
                Arguments.of("a Failed with an unknown error code", false, bytes(out -> {
                    out.writeByte(EventCodec.FAILED);
                    out.writeLong(1);
                    out.writeByte(200);
                    out.writeInt(-1);
                }), "frame of type 65 (Failed) has an invalid field 'code': unknown ErrorCode 200"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusalNamesTheFrameAndTheField(String what, boolean toBroker, byte[] typeAndFields, String expected) {
        assertThat(refusal(toBroker, typeAndFields)).isEqualTo(expected);
    }

    static Stream<Arguments> everySample() {
        return Stream.concat(
                Frames.commands().stream().map(command -> Arguments.of(command.toString(), true, fields(command))),
                Frames.events().stream().map(event -> Arguments.of(event.toString(), false, fields(event))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySample")
    void everyTruncationOfAFrameIsRefusedNamingAField(String sample, boolean toBroker, byte[] frame) {
        for (int length = 1; length < frame.length; length++) {
            assertThat(refusal(toBroker, Arrays.copyOf(frame, length))).as("cut to %d of %d bytes", length, frame.length)
                    .matches(SHAPE).doesNotContain("null");
        }
    }
}
