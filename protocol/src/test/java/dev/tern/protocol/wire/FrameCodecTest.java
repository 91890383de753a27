package dev.tern.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.protocol.Command;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import dev.tern.protocol.MessageLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.EncoderException;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The wire codec through {@link EmbeddedChannel}s: no sockets, one encoder feeding one decoder. */
class FrameCodecTest {

    private static final int MAX = 64 * 1024;

    private final EmbeddedChannel encoder = new EmbeddedChannel(new FrameEncoder(MAX));
    private final EmbeddedChannel broker = new EmbeddedChannel(FrameDecoder.forBroker(MAX));
    private final EmbeddedChannel client = new EmbeddedChannel(FrameDecoder.forClient(MAX));

    @AfterEach
    void releaseEverything() {
        encoder.finishAndReleaseAll();
        broker.finishAndReleaseAll();
        client.finishAndReleaseAll();
    }

    static Stream<Command> commands() {
        return Frames.commands().stream();
    }

    static Stream<Event> events() {
        return Frames.events().stream();
    }

    private byte[] encode(Object frame) {
        assertThat(encoder.writeOutbound(frame)).isTrue();
        ByteBuf encoded = encoder.readOutbound();
        try {
            byte[] bytes = new byte[encoded.readableBytes()];
            encoded.readBytes(bytes);
            return bytes;
        } finally {
            encoded.release();
        }
    }

    /** Feeds bytes to a decoder that has already seen a valid hello. */
    private static void greeted(EmbeddedChannel decoder) {
        decoder.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x54, 0x45, 0x52, 0x4E, 0, 0, 0, 2, 0, 0, 0x75, 0x30}));
        assertThat((Hello) decoder.readInbound()).isEqualTo(new Hello(2, 30_000));
    }

    private static byte[] frame(int type, byte... fields) {
        ByteBuf buf = Unpooled.buffer();
        buf.writeInt(fields.length + 1).writeByte(type).writeBytes(fields);
        return Arrays.copyOf(buf.array(), buf.writerIndex());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandSurvivesARoundTrip(Command command) {
        greeted(broker);
        broker.writeInbound(Unpooled.wrappedBuffer(encode(command)));
        assertThat((Object) broker.readInbound()).isEqualTo(command);
        assertThat((Object) broker.readInbound()).isNull();
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventSurvivesARoundTrip(Event event) {
        greeted(client);
        client.writeInbound(Unpooled.wrappedBuffer(encode(event)));
        assertThat((Object) client.readInbound()).isEqualTo(event);
    }

    @Test
    void theSamplesCoverEveryCommandAndEventType() {
        Set<Class<?>> sampled = Stream.concat(commands(), events()).map(Object::getClass).collect(Collectors.toSet());
        assertThat(sampled).containsAll(concreteTypes(Command.class).toList());
        assertThat(sampled).containsAll(concreteTypes(Event.class).toList());
    }

    /** The records a sealed interface permits, also through sealed sub-interfaces such as Event.Answer. */
    private static Stream<Class<?>> concreteTypes(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses())
                .flatMap(type -> type.isSealed() ? concreteTypes(type) : Stream.of(type));
    }

    @Test
    void helloAndHeartbeatSurviveARoundTrip() {
        client.writeInbound(Unpooled.wrappedBuffer(encode(new Hello(7, 1234))));
        assertThat((Hello) client.readInbound()).isEqualTo(new Hello(7, 1234));
        client.writeInbound(Unpooled.wrappedBuffer(encode(Heartbeat.INSTANCE)));
        assertThat((Object) client.readInbound()).isSameAs(Heartbeat.INSTANCE);
    }

    @Test
    void aFrameArrivingByteByByteIsDecodedOnlyWhenComplete() {
        greeted(broker);
        Command send = Frames.commands().stream().filter(c -> c instanceof Command.Send).findFirst().orElseThrow();
        byte[] bytes = encode(send);
        for (int i = 0; i < bytes.length - 1; i++) {
            broker.writeInbound(Unpooled.wrappedBuffer(bytes, i, 1));
            assertThat((Object) broker.readInbound()).as("after %d bytes", i + 1).isNull();
        }
        broker.writeInbound(Unpooled.wrappedBuffer(bytes, bytes.length - 1, 1));
        assertThat((Object) broker.readInbound()).isEqualTo(send);
    }

    @Test
    void severalFramesInOneBufferAllDecode() {
        greeted(client);
        ByteBuf all = Unpooled.buffer();
        Frames.events().forEach(e -> all.writeBytes(encode(e)));
        client.writeInbound(all);
        for (Event expected : Frames.events()) {
            assertThat((Object) client.readInbound()).isEqualTo(expected);
        }
    }

    @Test
    void aFrameClaimingTwoGibibytesFailsAtOnce() {
        greeted(broker);
        assertThatThrownBy(() -> broker.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 0, 0, 0})))
                .isInstanceOf(DecoderException.class)
                .hasRootCauseInstanceOf(WireException.class)
                .hasMessageContaining("frame length 2147483648");
    }

    @Test
    void aFrameJustAboveTheMaximumFailsAndAZeroLengthToo() {
        greeted(broker);
        ByteBuf tooLong = Unpooled.buffer().writeInt(MAX + 1);
        assertThatThrownBy(() -> broker.writeInbound(tooLong)).hasRootCauseInstanceOf(WireException.class);
        greeted(client);
        assertThatThrownBy(() -> client.writeInbound(Unpooled.buffer().writeInt(0)))
                .hasMessageContaining("outside 1..");
    }

    @Test
    void eventsMayExceedTheMaximumByTheHeadroomOnly() {
        greeted(client);
        client.writeInbound(Unpooled.buffer().writeInt(MAX + WireFormat.EVENT_HEADROOM));
        assertThat((Object) client.readInbound()).as("waits for the rest").isNull();
        EmbeddedChannel other = new EmbeddedChannel(FrameDecoder.forClient(MAX));
        greeted(other);
        assertThatThrownBy(() -> other.writeInbound(Unpooled.buffer().writeInt(MAX + WireFormat.EVENT_HEADROOM + 1)))
                .hasMessageContaining("outside 1..");
        other.finishAndReleaseAll();
    }

    @Test
    void aFrameEndingBeforeItsFieldsIsMalformed() {
        greeted(broker);
        assertThatThrownBy(() -> broker.writeInbound(Unpooled.wrappedBuffer(frame(CommandCodec.CREATE_SESSION, new byte[3]))))
                .isInstanceOf(DecoderException.class)
                .hasMessageContaining("frame of type 3 (CreateSession) ends before its field 'requestId'");
    }

    @Test
    void aSendBeyondTheMessageLimitsBecomesARefusalOfItsRequestAndTheNextFrameStillDecodes() {
        EmbeddedChannel limited = new EmbeddedChannel(FrameDecoder.forBroker(MAX, new MessageLimits(1, 1_000, 1_000),
                new FrameBudget(MAX)));
        try {
            greeted(limited);
            Command.Send send = new Command.Send(9, 40, Frames.message());
            limited.writeInbound(Unpooled.wrappedBuffer(encode(send)), Unpooled.wrappedBuffer(encode(new Command.CloseConnection(10))));
            RefusedCommand refused = limited.readInbound();
            assertThat(refused.requestId()).isEqualTo(9);
            assertThat(refused.reason()).isEqualTo("The message has 2 properties, more than this broker's maxMessageProperties of 1.");
            assertThat(refused.answer()).isEqualTo(new Event.Failed(9, ErrorCode.RESOURCE_ALLOCATION, refused.reason()));
            assertThat((Object) limited.readInbound()).isEqualTo(new Command.CloseConnection(10));
        } finally {
            limited.finishAndReleaseAll();
        }
    }

    @Test
    void bytesLeftOverAfterTheFieldsAreRefused() {
        greeted(client);
        byte[] ok = encode(new Event.Ok(5));
        ByteBuf padded = Unpooled.buffer().writeInt(ok.length - 4 + 1).writeBytes(ok, 4, ok.length - 4).writeByte(0);
        assertThatThrownBy(() -> client.writeInbound(padded)).hasMessageContaining("1 bytes left over");
    }

    @Test
    void unknownFrameTypesAndFramesForTheOtherSideAreRefused() {
        greeted(broker);
        assertThatThrownBy(() -> broker.writeInbound(Unpooled.wrappedBuffer(frame(99))))
                .hasMessageContaining("unknown frame type 99");
        greeted(client);
        assertThatThrownBy(() -> client.writeInbound(Unpooled.wrappedBuffer(encode(new Command.CloseConnection(1)))))
                .hasMessageContaining("unknown frame type " + CommandCodec.CLOSE_CONNECTION);
    }

    @Test
    void anIdCountLargerThanTheFrameIsRefusedWithoutAllocating() {
        greeted(broker);
        ByteBuf fields = Unpooled.buffer().writeLong(1).writeLong(2).writeInt(Integer.MAX_VALUE);
        byte[] body = Arrays.copyOf(fields.array(), fields.writerIndex());
        assertThatThrownBy(() -> broker.writeInbound(Unpooled.wrappedBuffer(frame(CommandCodec.ACKNOWLEDGE, body))))
                .hasMessageContaining("ID count 2147483647");
    }

    @Test
    void garbageInsteadOfAHelloIsRefusedAndEverythingAfterItDropped() {
        byte[] garbage = new byte[256];
        new Random(42).nextBytes(garbage);
        assertThatThrownBy(() -> broker.writeInbound(Unpooled.wrappedBuffer(garbage)))
                .hasMessageContaining("not a Tern peer");
        broker.writeInbound(Unpooled.wrappedBuffer(encode(new Command.CloseConnection(1))));
        assertThat((Object) broker.readInbound()).isNull();
    }

    @Test
    void aHelloOfAnotherVersionIsPassedOnForTheHandlerToRefuse() {
        broker.writeInbound(Unpooled.wrappedBuffer(encode(new Hello(WireFormat.VERSION + 1, 0))));
        Hello hello = broker.readInbound();
        assertThat(hello.isCurrentVersion()).isFalse();
        assertThat(Hello.current(0).isCurrentVersion()).isTrue();
    }

    @Test
    void theEncoderRefusesAFrameAboveTheMaximum() {
        EmbeddedChannel small = new EmbeddedChannel(new FrameEncoder(100));
        assertThatThrownBy(() -> small.writeOutbound(new Command.Send(1, 1, Frames.message())))
                .isInstanceOf(EncoderException.class)
                .hasMessageContaining("exceeds the maximum frame size of 100 bytes");
        small.finishAndReleaseAll();
    }

    @Test
    void theHeartbeatHandlerSwallowsHeartbeats() {
        EmbeddedChannel channel = new EmbeddedChannel(new HeartbeatHandler());
        channel.writeInbound(Heartbeat.INSTANCE, new Event.Ok(1));
        assertThat((Object) channel.readInbound()).isEqualTo(new Event.Ok(1));
        assertThat((Object) channel.readInbound()).isNull();
        channel.finishAndReleaseAll();
    }
}
