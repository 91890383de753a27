package dev.tern.bench.jmh;

import dev.tern.protocol.Command;
import dev.tern.protocol.wire.FrameDecoder;
import dev.tern.protocol.wire.FrameEncoder;
import dev.tern.protocol.wire.Hello;
import dev.tern.protocol.wire.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tcp:// frame codec on a Send frame carrying a 1 KiB message: {@link FrameEncoder} and
 * {@link FrameDecoder} driven through Netty's {@link EmbeddedChannel}, without sockets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {

    private EmbeddedChannel encoder;
    private EmbeddedChannel decoder;
    private Command.Send send;
    private ByteBuf frame;

    @Setup
    public void setUp() {
        send = new Command.Send(1, 1, SampleMessages.orderMessage());
        encoder = new EmbeddedChannel(new FrameEncoder(WireFormat.DEFAULT_MAX_FRAME_SIZE));
        encoder.writeOutbound(send);
        frame = encoder.readOutbound();
        decoder = new EmbeddedChannel(FrameDecoder.forBroker(WireFormat.DEFAULT_MAX_FRAME_SIZE));
        encoder.writeOutbound(new Hello(WireFormat.VERSION, 30_000));
        decoder.writeInbound((ByteBuf) encoder.readOutbound());
        decoder.readInbound();
    }

    @TearDown
    public void tearDown() {
        frame.release();
        encoder.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
    }

    @Benchmark
    public int encode() {
        encoder.writeOutbound(send);
        ByteBuf out = encoder.readOutbound();
        int size = out.readableBytes();
        out.release();
        return size;
    }

    @Benchmark
    public Object decode() {
        decoder.writeInbound(frame.retainedDuplicate());
        return decoder.readInbound();
    }
}
