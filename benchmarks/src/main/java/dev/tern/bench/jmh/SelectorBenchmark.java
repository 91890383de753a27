package dev.tern.bench.jmh;

import dev.tern.broker.selector.Selector;
import dev.tern.protocol.MessageRecord;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Parsing a message selector, and evaluating a parsed one against a message, as the broker does per offer. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SelectorBenchmark {

    @Param({
        "region = 'EU'",
        "region IN ('EU', 'US') AND amount > 1000 AND customer LIKE 'acme-%'",
        "(weight BETWEEN 10 AND 20 OR priorityCustomer) AND NOT (missing = 2) AND JMSPriority >= 4"
    })
    public String text;

    private Selector selector;
    private MessageRecord message;

    @Setup
    public void setUp() throws Exception {
        selector = Selector.parse(text);
        message = SampleMessages.orderMessage();
    }

    @Benchmark
    public boolean matches() {
        return selector.matches(message);
    }

    @Benchmark
    public Selector parse() throws Exception {
        return Selector.parse(text);
    }
}
