package dev.tern.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark runner: runs the scenarios against every broker and writes the table, CSVs and charts.
 * Output goes by default to {@code results/} next to the jar (or the classes directory), that is
 * {@code benchmarks/target/results/}.
 */
@Command(name = "tern-benchmarks", mixinStandardHelpOptions = true,
        description = "Runs the same JMS scenarios against Tern, ActiveMQ Artemis and ActiveMQ Classic, each embedded "
                + "in a JVM of its own per run.")
public final class BenchMain implements Callable<Integer> {

    @Option(names = "--repeats", defaultValue = "5",
            description = "runs of each scenario per broker, each in a fresh JVM (default ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--warmups", defaultValue = "1",
            description = "unrecorded rounds before each recorded run, in its JVM (default ${DEFAULT-VALUE})")
    int warmUps;

    @Option(names = "--seconds", defaultValue = "10", description = "how long producers send in each run (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--messages", description = "also stop each run after this many messages")
    Long messages;

    @Option(names = "--window", defaultValue = "10000",
            description = "most messages in flight, sent but not consumed (default ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--scenario", split = ",", description = "run only scenarios whose names contain one of these")
    List<String> scenarios;

    @Option(names = "--broker", split = ",", description = "brokers to run: ${COMPLETION-CANDIDATES} (default tern,"
            + "artemis,classic; artemis_default is Artemis with its untuned embedded journal, persistent scenarios only; tern_metered is Tern "
            + "with its meters in a Prometheus registry)")
    List<BrokerKind> brokers;

    @Option(names = "--results-dir", description = "where the CSVs and charts go (default benchmarks/target/results)")
    Path resultsDir;

    @Option(names = "--work-dir", description = "where the brokers' data directories go (default benchmarks/target/bench-data)")
    Path workDir;

    @Option(names = "--deep-messages", defaultValue = "" + DeepQueueRunner.DEFAULT_MESSAGES,
            description = "messages the deep-queue scenario queues and drains (default ${DEFAULT-VALUE})")
    int deepMessages;

    @Option(names = "--deep-jvm-option",
            description = "an option for the deep-queue scenario's child JVMs, as in -XX:StartFlightRecording; repeatable")
    List<String> deepJvmOptions;

    @Option(names = "--jvm-option",
            description = "an option for every scenario's child JVM (one per broker and repeat), besides the fixed "
                    + "-Xms1g -Xmx1g; repeatable")
    List<String> jvmOptions;

    @Option(names = "--list", description = "list the scenarios and exit")
    boolean list;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ScenarioSelection selection = ScenarioSelection.matching(scenarios);
        if (list) {
            selection.names().forEach(System.out::println);
            return 0;
        }
        if (selection.names().isEmpty()) {
            System.err.println("No scenario matches " + scenarios + "; --list shows them.");
            return 2;
        }
        List<BrokerKind> chosen = brokers == null || brokers.isEmpty() ? BrokerKind.defaults() : brokers;
        RunLimits limits = new RunLimits(Duration.ofSeconds(seconds),
                messages == null ? Long.MAX_VALUE : messages, window, Duration.ofSeconds(30));
        Path target = targetDir();
        Path results = resultsDir != null ? resultsDir : target.resolve("results");
        Path work = workDir != null ? workDir : target.resolve("bench-data");
        DeepQueueRunner.Settings deepQueue = new DeepQueueRunner.Settings(deepMessages,
                deepJvmOptions == null ? List.of() : deepJvmOptions);
        BenchmarkReport report = new BenchmarkRunnerSession(chosen, warmUps, repeats, limits, work, results, deepQueue,
                jvmOptions == null ? List.of() : jvmOptions).run(selection);
        ResultTable.print(report.rows(), chosen, System.out);
        System.out.println();
        System.out.println("Results in " + results.toAbsolutePath());
        report.incomplete().forEach(m -> System.out.println("INCOMPLETE: " + m.scenario() + " on " + m.broker()
                + " #" + m.repeat() + " delivered " + m.result().delivered() + " of " + m.result().expected()));
        return report.incomplete().isEmpty() ? 0 : 1;
    }

    /** The directory holding this code: benchmarks/target whether run from the jar or from target/classes. */
    static Path targetDir() throws URISyntaxException {
        Path location = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path parent = location.getParent();
        return parent != null && Files.isDirectory(parent) ? parent : Path.of(".");
    }
}
