package dev.tern.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cold-start scenario: for each broker in turn, a child JVM runs {@link ColdStartProbe}. Reports the
 * whole process's wall time (launch to exit, so JVM start-up and class loading count), the broker's own
 * start time, and the threads alive after the broker stopped. A child that does not exit within
 * {@value #EXIT_TIMEOUT_SECONDS} s, held up by a thread left behind, is killed and its run marked incomplete.
 */
public final class ColdStartRunner {

    /** The scenario's name in results and in {@code --scenario}. */
    public static final String NAME = "cold-start-vm";

    private static final Logger LOG = LoggerFactory.getLogger(ColdStartRunner.class);
    private static final long EXIT_TIMEOUT_SECONDS = 60;

    private final List<BrokerKind> brokers;
    private final int repeats;
    private final Path workDir;

    public ColdStartRunner(List<BrokerKind> brokers, int repeats, Path workDir) {
        this.brokers = List.copyOf(brokers);
        this.repeats = repeats;
        this.workDir = workDir;
    }

    public List<Measurement> run() throws IOException, InterruptedException {
        List<Measurement> measurements = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            for (BrokerKind broker : brokers) {
                Measurement measurement = runOnce(broker, repeat);
                LOG.info("{} {} #{}: {}", NAME, broker.displayName(), repeat, measurement.result());
                measurements.add(measurement);
            }
        }
        return measurements;
    }

    private Measurement runOnce(BrokerKind broker, int repeat) throws IOException, InterruptedException {
        Path dataDir = workDir.resolve(broker.name().toLowerCase() + "-" + NAME + "-" + repeat);
        DataDirs.recreate(dataDir);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ColdStartProbe.class.getName(), broker.name(), dataDir.toString()).redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = builder.start();
        String report = null;
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            Thread drain = new Thread(() -> reader.lines().forEach(output::add), "bench-cold-start-output");
            drain.setDaemon(true);
            drain.start();
            boolean exited = process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long elapsed = System.nanoTime() - start;
            if (!exited) {
                process.destroyForcibly();
            }
            drain.join(5_000);
            synchronized (output) {
                report = output.stream().filter(l -> l.startsWith(ColdStartProbe.PREFIX)).findFirst().orElse(null);
            }
            DataDirs.delete(dataDir);
            if (report == null || !exited || process.exitValue() != 0) {
                LOG.warn("{} on {} failed (exited: {}); its output: {}", NAME, broker.displayName(), exited, output);
                return new Measurement(NAME, broker.displayName(), repeat, new ScenarioResult(1, 0, Map.of()), -1);
            }
            Map<String, String> fields = fields(report);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("process ms", elapsed / 1e6);
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
