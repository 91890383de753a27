package dev.tern.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deep-queue scenario, (8) of issue 8: for each repeat, each broker in turn runs
 * {@link DeepQueueProbe} in a child JVM with {@value #HEAP} and the same collector for all (and Artemis's libaio
 * binding on the library path, so that Artemis's journal is chosen as {@code artemis create} would), which
 * queues the messages and then drains them. Reports the enqueue, drain and total times, the old
 * generation's peak, the heap live with the queue full, and {@code completed} (1). A child that runs out of memory, fails, outlives its timeout, or does not
 * get every message back exactly once and in order, is reported with {@code completed} 0, and with
 * fewer deliveries than expected if anything went missing, so the run counts as incomplete.
 */
public final class DeepQueueRunner {

    /** The scenario's name in results and in {@code --scenario}; it names the default depth. */
    public static final String NAME = "deep-queue-1m-persistent-vm";

    /** How many messages the scenario queues unless told otherwise. */
    public static final int DEFAULT_MESSAGES = 1_000_000;

    static final String ENQUEUE_SECONDS = "enqueue s";
    static final String DRAIN_SECONDS = "drain s";
    static final String TOTAL_SECONDS = "total s";
    static final String PEAK_HEAP_MB = "peak heap MB";
    static final String LIVE_MB = "live MB";

    private static final String HEAP = "-Xmx256m";
    /** The same for every broker: G1 (the JVM's usual choice) named, so that no machine picks another; no hang on OOM. */
    private static final List<String> JVM_OPTIONS = List.of(HEAP, "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError");
    private static final Duration BASE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration TIMEOUT_PER_MESSAGE = Duration.ofMillis(1);
    private static final int OUTPUT_LINES_LOGGED = 40;
    private static final Logger LOG = LoggerFactory.getLogger(DeepQueueRunner.class);

    /**
     * How deep the queue goes, and what else the children get.
     *
     * @param messages how many messages each run queues and drains
     * @param extraJvmOptions added to every child's options, as in {@code -XX:StartFlightRecording}
     */
    public record Settings(int messages, List<String> extraJvmOptions) {

        public Settings {
            if (messages < 1) {
                throw new IllegalArgumentException("messages must be positive: " + messages);
            }
            extraJvmOptions = List.copyOf(extraJvmOptions);
        }

        /** {@value DeepQueueRunner#DEFAULT_MESSAGES} messages, no extra options. */
        public static Settings defaults() {
            return new Settings(DEFAULT_MESSAGES, List.of());
        }
    }

    private final List<BrokerKind> brokers;
    private final int repeats;
    private final Path workDir;
    private final int messages;
    private final List<String> jvmOptions;

    public DeepQueueRunner(List<BrokerKind> brokers, int repeats, Path workDir, Settings settings) {
        this.brokers = List.copyOf(brokers);
        this.repeats = repeats;
        this.workDir = workDir;
        this.messages = settings.messages();
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        ArtemisNativeLibrary.libraryPathOption(workDir).ifPresent(options::add);
        options.addAll(settings.extraJvmOptions());
        this.jvmOptions = List.copyOf(options);
    }

    public List<Measurement> run() throws IOException, InterruptedException {
        return ChildJvmRuns.alternate(NAME, brokers, repeats, this::runOnce);
    }

    private Measurement runOnce(BrokerKind broker, int repeat) throws IOException, InterruptedException {
        Path dataDir = workDir.resolve(broker.name().toLowerCase() + "-" + NAME + "-" + repeat);
        DataDirs.recreate(dataDir);
        Duration timeout = BASE_TIMEOUT.plus(TIMEOUT_PER_MESSAGE.multipliedBy(messages));
        LOG.info("{} {} #{}: {} messages, {}, at most {} s", NAME, broker.displayName(), repeat, messages, jvmOptions,
                timeout.toSeconds());
        ChildJvm.Outcome outcome = ChildJvm.run(DeepQueueProbe.class, jvmOptions,
                List.of(broker.name(), dataDir.toString(), String.valueOf(messages)), timeout);
        DataDirs.delete(dataDir);
        ScenarioResult result = outcome.succeeded()
                ? outcome.lineStartingWith(DeepQueueProbe.PREFIX).map(this::parse).orElse(failed())
                : failed();
        if (!result.complete()) {
            List<String> output = outcome.output();
            LOG.warn("{} on {} did not complete (exited: {}, status {}); the last of its output: {}", NAME,
                    broker.displayName(), outcome.exited(), outcome.exitStatus(),
                    output.subList(Math.max(0, output.size() - OUTPUT_LINES_LOGGED), output.size()));
        }
        return new Measurement(NAME, broker.displayName(), repeat, result, 0);
    }

    /** The figures of a child's report; {@code completed} only if every message came back once, in order, and no more. */
    private ScenarioResult parse(String report) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : report.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        double enqueue = Double.parseDouble(fields.get("enqueue_ms")) / 1e3;
        double drain = Double.parseDouble(fields.get("drain_ms")) / 1e3;
        long delivered = Long.parseLong(fields.get("delivered"));
        boolean exact = delivered == messages && "0".equals(fields.get("duplicates"))
                && "0".equals(fields.get("out_of_order")) && "false".equals(fields.get("left"));
        if (!exact) {
            LOG.warn("{}: expected {} messages once each and in order; {}", NAME, messages, report);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(ENQUEUE_SECONDS, enqueue);
        metrics.put(DRAIN_SECONDS, drain);
        metrics.put(TOTAL_SECONDS, enqueue + drain);
        metrics.put(PEAK_HEAP_MB, Double.parseDouble(fields.get("peak_old_gen_mb")));
        metrics.put(LIVE_MB, Double.parseDouble(fields.get("live_when_full_mb")));
        metrics.put(ScenarioResult.COMPLETED, exact ? 1.0 : 0.0);
        return new ScenarioResult(messages, delivered, metrics);
    }

    private ScenarioResult failed() {
        return new ScenarioResult(messages, 0, Map.of(ScenarioResult.COMPLETED, 0.0));
    }
}
