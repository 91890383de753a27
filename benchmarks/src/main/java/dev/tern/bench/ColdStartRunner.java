package dev.tern.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cold-start scenario: for each broker in turn, a child JVM runs {@link ColdStartProbe}. Reports the
 * whole process's wall time (launch to exit, so JVM start-up and class loading count), the broker's own
 * start time, and the threads alive after the broker stopped. A child that does not exit within
 * 60 s, held up by a thread left behind, is killed and its run marked incomplete.
 */
public final class ColdStartRunner {

    /** The scenario's name in results and in {@code --scenario}. */
    public static final String NAME = "cold-start-vm";

    private static final Logger LOG = LoggerFactory.getLogger(ColdStartRunner.class);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

    private final List<BrokerKind> brokers;
    private final int repeats;
    private final Path workDir;

    public ColdStartRunner(List<BrokerKind> brokers, int repeats, Path workDir) {
        this.brokers = List.copyOf(brokers);
        this.repeats = repeats;
        this.workDir = workDir;
    }

    public List<Measurement> run() throws IOException, InterruptedException {
        return ChildJvmRuns.alternate(NAME, brokers, repeats, this::runOnce);
    }

    private Measurement runOnce(BrokerKind broker, int repeat) throws IOException, InterruptedException {
        Path dataDir = workDir.resolve(broker.name().toLowerCase() + "-" + NAME + "-" + repeat);
        DataDirs.recreate(dataDir);
        ChildJvm.Outcome outcome = ChildJvm.run(ColdStartProbe.class, List.of(),
                List.of(broker.name(), dataDir.toString()), EXIT_TIMEOUT);
        DataDirs.delete(dataDir);
        String report = outcome.lineStartingWith(ColdStartProbe.PREFIX).orElse(null);
        if (report == null || !outcome.succeeded()) {
            LOG.warn("{} on {} failed (exited: {}); its output: {}", NAME, broker.displayName(), outcome.exited(),
                    outcome.output());
            return new Measurement(NAME, broker.displayName(), repeat, new ScenarioResult(1, 0, Map.of()), -1);
        }
        Map<String, String> fields = fields(report);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("process ms", outcome.elapsed().toNanos() / 1e6);
        metrics.put("start ms", Double.parseDouble(fields.get("start_ms")));
        metrics.put("stop ms", Double.parseDouble(fields.get("stop_ms")));
        metrics.put("threads left", Double.parseDouble(fields.get("threads_left")));
        int left = Integer.parseInt(fields.get("threads_left"));
        if (left > 0) {
            LOG.info("{} left {} thread(s) after stopping: {}", broker.displayName(), left,
                    report.substring(report.indexOf("names=") + 6));
        }
        return new Measurement(NAME, broker.displayName(), repeat, new ScenarioResult(1, 1, metrics), left);
    }

    private static Map<String, String> fields(String report) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : report.substring(0, report.indexOf(" names=")).split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return fields;
    }
}
