package dev.tern.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.protocol.Command;
import dev.tern.protocol.MessageLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker-wide budget of frame bytes being assembled: sockets whose next frame would exceed it stop
 * reading until frames of other sockets are decoded. Several {@link EmbeddedChannel}s share one budget.
 */
class FrameBudgetTest {

    private static final int BUDGET = 1_000;

    private final FrameBudget budget = new FrameBudget(BUDGET);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void closeAll() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    /** A socket that has said hello, with a decoder on the shared budget. */
    private EmbeddedChannel socket() {
        EmbeddedChannel channel = new EmbeddedChannel(FrameDecoder.forBroker(64 * 1024, MessageLimits.DEFAULT, budget));
        channels.add(channel);
        channel.writeInbound(Unpooled.buffer().writeInt(WireFormat.MAGIC).writeInt(WireFormat.VERSION).writeInt(0));
        assertThat((Object) channel.readInbound()).isInstanceOf(Hello.class);
        return channel;
    }

    /** A SetClientId frame of exactly {@code length} bytes after its length field. */
    private static byte[] frame(int length) {
        ByteBuf frame = Unpooled.buffer();
        int idLength = length - 1 - 8 - 4;
        frame.writeInt(length).writeByte(CommandCodec.SET_CLIENT_ID).writeLong(7).writeInt(idLength)
                .writeBytes("c".repeat(idLength).getBytes());
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes);
        return bytes;
    }

    private static void send(EmbeddedChannel channel, byte[] frame, int from, int to) {
        channel.writeInbound(Unpooled.wrappedBuffer(frame, from, to - from));
    }

    @Test
    void aFrameThatFitsIsReadAsItArrivesAndGivesItsBytesBackWhenDecoded() {
        EmbeddedChannel a = socket();
        byte[] frame = frame(600);
        send(a, frame, 0, 100);
        assertThat(budget.inFlight()).isEqualTo(600);
        assertThat(a.config().isAutoRead()).isTrue();
        send(a, frame, 100, frame.length);
        assertThat((Object) a.readInbound()).isInstanceOf(Command.SetClientId.class);
        assertThat(budget.inFlight()).isZero();
    }

    @Test
    void aSocketWhoseFrameWouldExceedTheBudgetStopsReadingUntilAnotherFrameIsDecoded() {
        EmbeddedChannel a = socket();
        EmbeddedChannel b = socket();
        byte[] frameA = frame(600);
        byte[] frameB = frame(700);
        send(a, frameA, 0, 50);
        send(b, frameB, 0, 50);
        assertThat(b.config().isAutoRead()).as("b paused").isFalse();
        assertThat(a.config().isAutoRead()).as("a reads on").isTrue();
        assertThat(budget.inFlight()).isEqualTo(600);
        assertThat(budget.waiting()).isEqualTo(1);

        send(a, frameA, 50, frameA.length);
        assertThat((Object) a.readInbound()).isInstanceOf(Command.SetClientId.class);
        assertThat(budget.inFlight()).as("handed on to b").isEqualTo(700);
        assertThat(budget.waiting()).isZero();
        b.runPendingTasks();
        assertThat(b.config().isAutoRead()).as("b resumed").isTrue();

        send(b, frameB, 50, frameB.length);
        assertThat((Object) b.readInbound()).isInstanceOf(Command.SetClientId.class);
        assertThat(budget.inFlight()).isZero();
    }

    @Test
    void waitingSocketsAreResumedInTheOrderTheyStopped() {
        EmbeddedChannel a = socket();
        EmbeddedChannel b = socket();
        EmbeddedChannel c = socket();
        byte[] frameA = frame(700);
        send(a, frameA, 0, 10);
        send(b, frame(500), 0, 10);
        send(c, frame(200), 0, 10);
        assertThat(budget.waiting()).as("c queues behind b though it would fit").isEqualTo(2);
        send(a, frameA, 10, frameA.length);
        b.runPendingTasks();
        c.runPendingTasks();
        assertThat(b.config().isAutoRead()).isTrue();
        assertThat(c.config().isAutoRead()).isTrue();
        assertThat(budget.inFlight()).isEqualTo(700);
    }

    @Test
    void bytesThatArrivedWhilePausedAreDecodedAndGiveUpTheWait() {
        EmbeddedChannel a = socket();
        EmbeddedChannel b = socket();
        byte[] frameA = frame(600);
        byte[] frameB = frame(600);
        send(a, frameA, 0, 10);
        send(b, frameB, 0, 10);
        assertThat(b.config().isAutoRead()).isFalse();
        send(b, frameB, 10, frameB.length);
        assertThat((Object) b.readInbound()).as("already in memory: decoded").isInstanceOf(Command.SetClientId.class);
        assertThat(b.config().isAutoRead()).isTrue();
        assertThat(budget.waiting()).isZero();
        assertThat(budget.inFlight()).isEqualTo(600);
    }

    @Test
    void aFrameLargerThanTheWholeBudgetIsReadWhenNothingElseIs() {
        EmbeddedChannel a = socket();
        byte[] big = frame(3_000);
        send(a, big, 0, 100);
        assertThat(a.config().isAutoRead()).isTrue();
        assertThat(budget.inFlight()).isEqualTo(3_000);
        send(a, big, 100, big.length);
        assertThat((Object) a.readInbound()).isInstanceOf(Command.SetClientId.class);
        assertThat(budget.inFlight()).isZero();
    }

    @Test
    void aClosedSocketGivesBackItsBytesAndLeavesTheQueue() {
        EmbeddedChannel a = socket();
        EmbeddedChannel b = socket();
        EmbeddedChannel c = socket();
        send(a, frame(600), 0, 10);
        send(b, frame(600), 0, 10);
        send(c, frame(600), 0, 10);
        assertThat(budget.waiting()).isEqualTo(2);
        b.finishAndReleaseAll();
        assertThat(budget.waiting()).as("b left the queue").isEqualTo(1);
        a.finishAndReleaseAll();
        assertThat(budget.inFlight()).as("a's bytes handed on to c").isEqualTo(600);
        c.runPendingTasks();
        assertThat(c.config().isAutoRead()).isTrue();
        c.finishAndReleaseAll();
        assertThat(budget.inFlight()).isZero();
    }

    @Test
    void aRefusedFrameGivesBackItsBytes() {
        EmbeddedChannel a = socket();
        byte[] frame = frame(600);
        frame[4] = 99;
        send(a, frame, 0, 10);
        assertThatThrownBy(() -> send(a, frame, 10, frame.length)).hasMessageContaining("unknown frame type 99");
        assertThat(budget.inFlight()).isZero();
    }

    @Test
    void theBudgetMustBePositive() {
        assertThatThrownBy(() -> new FrameBudget(0)).hasMessageContaining("must be positive");
    }
}
