package dev.tern.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scenarios, each broker in a child JVM of its own per run, summarizes them and writes {@code runs.csv},
 * {@code summary.csv} and the charts. The untuned Artemis, if chosen, runs only the {@link Scenario}s.
 */
public final class BenchmarkRunnerSession {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRunnerSession.class);

    private final List<BrokerKind> brokers;
    private final BenchmarkRunner runner;
    private final ColdStartRunner coldStart;
    private final BrokerPerTestRunner perTest;
    private final DeepQueueRunner deepQueue;
    private final Path resultsDir;

    /** A session whose deep-queue scenario, if selected, has its defaults, and whose child JVMs get no extra options. */
    public BenchmarkRunnerSession(List<BrokerKind> brokers, int warmUps, int repeats, RunLimits limits, Path workDir,
            Path resultsDir) {
        this(brokers, warmUps, repeats, limits, workDir, resultsDir, DeepQueueRunner.Settings.defaults(), List.of());
    }

    /**
     * @param childJvmOptions added to the options of every scenario's child JVM (one per broker and repeat)
     */
    public BenchmarkRunnerSession(List<BrokerKind> brokers, int warmUps, int repeats, RunLimits limits, Path workDir,
            Path resultsDir, DeepQueueRunner.Settings deepQueueSettings, List<String> childJvmOptions) {
        this(brokers, warmUps, repeats, workDir, resultsDir, deepQueueSettings,
                new ChildScenarioRun(warmUps, limits, workDir, childJvmOptions));
    }

    private BenchmarkRunnerSession(List<BrokerKind> brokers, int warmUps, int repeats, Path workDir, Path resultsDir,
            DeepQueueRunner.Settings deepQueueSettings, ScenarioRun scenarioRun) {
        this.brokers = List.copyOf(brokers);
        this.runner = new BenchmarkRunner(brokers, repeats, scenarioRun);
        List<BrokerKind> embeddable = brokers.stream().filter(BrokerKind::runsOwnScenarios).toList();
        this.coldStart = new ColdStartRunner(embeddable, repeats, workDir);
        this.perTest = new BrokerPerTestRunner(embeddable, warmUps, repeats, workDir);
        this.deepQueue = new DeepQueueRunner(embeddable, repeats, workDir, deepQueueSettings);
        this.resultsDir = resultsDir;
    }

    /**
     * A session that runs the {@link Scenario}s with every broker embedded in this JVM, one after the other,
     * rather than in a child JVM per run; for tests.
     */
    static BenchmarkRunnerSession inThisJvm(List<BrokerKind> brokers, int warmUps, int repeats, RunLimits limits,
            Path workDir, Path resultsDir) {
        return new BenchmarkRunnerSession(brokers, warmUps, repeats, workDir, resultsDir,
                DeepQueueRunner.Settings.defaults(), new InProcessScenarioRun(warmUps, limits, workDir));
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
