package dev.tern.bench.jmh;

import dev.tern.protocol.MessageCodec;
import dev.tern.protocol.MessageRecord;
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
import org.openjdk.jmh.annotations.Warmup;

/** Encoding and decoding a 1 KiB message with {@link MessageCodec}, as the journal and both transports do. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MessageCodecBenchmark {

    private MessageRecord message;
    private byte[] encoded;

    @Setup
    public void setUp() {
        message = SampleMessages.orderMessage();
        encoded = MessageCodec.encode(message);
    }

    @Benchmark
    public byte[] encode() {
        return MessageCodec.encode(message);
    }

    @Benchmark
    public MessageRecord decode() {
        return MessageCodec.decode(encoded);
    }
}
