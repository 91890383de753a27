package dev.tern.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the scenarios, those in child JVMs included, summarizes them and writes {@code runs.csv}, {@code summary.csv} and the charts. */
public final class BenchmarkRunnerSession {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRunnerSession.class);

    private final List<BrokerKind> brokers;
    private final BenchmarkRunner runner;
    private final ColdStartRunner coldStart;
    private final BrokerPerTestRunner perTest;
    private final DeepQueueRunner deepQueue;
    private final Path resultsDir;

    /** A session whose deep-queue scenario, if selected, has its defaults. */
    public BenchmarkRunnerSession(List<BrokerKind> brokers, int warmUps, int repeats, RunLimits limits, Path workDir,
            Path resultsDir) {
        this(brokers, warmUps, repeats, limits, workDir, resultsDir, DeepQueueRunner.Settings.defaults());
    }

    public BenchmarkRunnerSession(List<BrokerKind> brokers, int warmUps, int repeats, RunLimits limits, Path workDir,
            Path resultsDir, DeepQueueRunner.Settings deepQueueSettings) {
        this.brokers = List.copyOf(brokers);
        this.runner = new BenchmarkRunner(brokers, warmUps, repeats, limits, workDir);
        this.coldStart = new ColdStartRunner(brokers, repeats, workDir);
        this.perTest = new BrokerPerTestRunner(brokers, warmUps, repeats, workDir);
        this.deepQueue = new DeepQueueRunner(brokers, repeats, workDir, deepQueueSettings);
        this.resultsDir = resultsDir;
    }

    /**
     * Runs the selected scenarios, in the order of {@link ScenarioSelection#names()} (the cold-start one,
     * the broker-per-test one, the in-JVM ones, the deep-queue one), and writes the reports.
     */
    public BenchmarkReport run(ScenarioSelection selection) throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        if (selection.coldStart()) {
            measurements.addAll(coldStart.run());
        }
        if (selection.perTest()) {
            measurements.addAll(perTest.run());
        }
        measurements.addAll(runner.run(selection.scenarios()));
        if (selection.deepQueue()) {
            measurements.addAll(deepQueue.run());
        }
        List<SummaryRow> rows = Summary.of(measurements, brokers);
        List<Path> files = new ArrayList<>();
        Path runs = resultsDir.resolve("runs.csv");
        CsvReport.writeRuns(measurements, runs);
        files.add(runs);
        Path summary = resultsDir.resolve("summary.csv");
        CsvReport.writeSummary(rows, brokers, summary);
        files.add(summary);
        try {
            files.addAll(ChartReport.write(rows, brokers, resultsDir));
        } catch (Exception | LinkageError e) {
            LOG.warn("Could not draw the charts (the CSVs are written): {}", e.toString());
        }
        return new BenchmarkReport(measurements, rows, files);
    }
}
