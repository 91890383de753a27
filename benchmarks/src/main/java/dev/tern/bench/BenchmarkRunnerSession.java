package dev.tern.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the scenarios, the cold-start one included, summarizes them and writes {@code runs.csv}, {@code summary.csv} and the charts. */
public final class BenchmarkRunnerSession {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRunnerSession.class);

    private final List<BrokerKind> brokers;
    private final BenchmarkRunner runner;
    private final ColdStartRunner coldStart;
    private final BrokerPerTestRunner perTest;
    private final Path resultsDir;

    public BenchmarkRunnerSession(List<BrokerKind> brokers, int warmUps, int repeats, RunLimits limits, Path workDir,
            Path resultsDir) {
        this.brokers = List.copyOf(brokers);
        this.runner = new BenchmarkRunner(brokers, warmUps, repeats, limits, workDir);
        this.coldStart = new ColdStartRunner(brokers, repeats, workDir);
        this.perTest = new BrokerPerTestRunner(brokers, warmUps, repeats, workDir);
        this.resultsDir = resultsDir;
    }

    /**
     * Runs the cold-start scenario first if asked, then the in-JVM scenarios, and writes the reports.
     */
    public BenchmarkReport run(boolean includeColdStart, List<Scenario> scenarios) throws Exception {
        return run(includeColdStart, false, scenarios);
    }

    /**
     * Runs the cold-start scenario first if asked, then the broker-per-test one if asked, then the in-JVM
     * scenarios, and writes the reports.
     */
    public BenchmarkReport run(boolean includeColdStart, boolean includePerTest, List<Scenario> scenarios)
            throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        if (includeColdStart) {
            measurements.addAll(coldStart.run());
        }
        if (includePerTest) {
            measurements.addAll(perTest.run());
        }
        measurements.addAll(runner.run(scenarios));
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
