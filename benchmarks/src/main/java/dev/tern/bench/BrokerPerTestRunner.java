package dev.tern.bench;

import jakarta.jms.DeliveryMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "fresh embedded broker per test" scenario: what a test suite that starts a broker for every test
 * pays per test. One cycle starts an in-memory broker reached over {@code vm://} only
 * ({@link BrokerKind#startEmbedded}), makes one non-persistent round trip through a queue, closes the
 * connection and stops the broker. In this JVM, after warm-up cycles, so that class loading and JIT
 * compilation count once as in a real test run, not in every cycle. Each repeat runs
 * {@value #CYCLES_PER_REPEAT} cycles per broker, brokers alternating, and reports their medians.
 */
public final class BrokerPerTestRunner {

    /** The scenario's name in results and in {@code --scenario}. */
    public static final String NAME = "broker-per-test-vm";

    static final int CYCLES_PER_REPEAT = 20;
    private static final int WARM_UP_CYCLES = 10;
    private static final Logger LOG = LoggerFactory.getLogger(BrokerPerTestRunner.class);

    private final List<BrokerKind> brokers;
    private final int warmUps;
    private final int repeats;
    private final Path workDir;

    /**
     * @param warmUps unrecorded rounds of {@value #WARM_UP_CYCLES} cycles per broker before the repeats
     * @param repeats recorded rounds of {@value #CYCLES_PER_REPEAT} cycles per broker
     */
    public BrokerPerTestRunner(List<BrokerKind> brokers, int warmUps, int repeats, Path workDir) {
        this.brokers = List.copyOf(brokers);
        this.warmUps = warmUps;
        this.repeats = repeats;
        this.workDir = workDir;
    }

    public List<Measurement> run() throws Exception {
        for (int round = 0; round < warmUps; round++) {
            for (BrokerKind broker : brokers) {
                cycles(broker, WARM_UP_CYCLES);
            }
        }
        List<Measurement> measurements = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            for (BrokerKind broker : brokers) {
                ThreadCensus census = ThreadCensus.take();
                Map<String, Double> metrics = cycles(broker, CYCLES_PER_REPEAT);
                int left = census.leftAfter(2_000).size();
                metrics.put("threads left", (double) left);
                Measurement measurement = new Measurement(NAME, broker.displayName(), repeat,
                        new ScenarioResult(CYCLES_PER_REPEAT, CYCLES_PER_REPEAT, metrics), left);
                LOG.info("{} {} #{}: {}", NAME, broker.displayName(), repeat, metrics);
                measurements.add(measurement);
            }
        }
        return measurements;
    }

    /** Runs cycles; the medians of their whole time, start and stop, in milliseconds. */
    private Map<String, Double> cycles(BrokerKind kind, int count) throws Exception {
        List<Double> whole = new ArrayList<>();
        List<Double> starts = new ArrayList<>();
        List<Double> stops = new ArrayList<>();
        Path dataDir = workDir.resolve(kind.name().toLowerCase() + "-" + NAME);
        for (int i = 0; i < count; i++) {
            DataDirs.recreate(dataDir);
            long t0 = System.nanoTime();
            BrokerUnderTest broker = kind.startEmbedded(dataDir, false);
            long t1 = System.nanoTime();
            try {
                roundTrip(broker);
            } finally {
                long t2 = System.nanoTime();
                broker.close();
                long t3 = System.nanoTime();
                whole.add((t3 - t0) / 1e6);
                starts.add((t1 - t0) / 1e6);
                stops.add((t3 - t2) / 1e6);
            }
        }
        DataDirs.delete(dataDir);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("per test ms", Median.of(whole));
        metrics.put("start ms", Median.of(starts));
        metrics.put("stop ms", Median.of(stops));
        return metrics;
    }

    private static void roundTrip(BrokerUnderTest broker) throws Exception {
        RoundTrip.once(broker.connectionFactory(Transport.VM), "bench.per-test", DeliveryMode.NON_PERSISTENT);
    }
}
