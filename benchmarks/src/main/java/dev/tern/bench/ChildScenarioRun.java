package dev.tern.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each (scenario, broker, repeat) in a fresh JVM of its own ({@link ScenarioChild}), so that no broker
 * inherits another's heap, JIT state or leftover threads. Every child gets the same JVM options ({@link
 * #JVM_OPTIONS}: a fixed 1 GiB heap, G1; Artemis's libaio binding on the library path), plus any extra ones given; its log lines are passed on as they come. A child that
 * fails or outlives its timeout counts as an incomplete run, with none of the expected deliveries.
 */
final class ChildScenarioRun implements ScenarioRun {

    private static final Logger LOG = LoggerFactory.getLogger(ChildScenarioRun.class);
    /** The same for every broker, set here only. */
    static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
            // the parent adds its own time stamp to each line it passes on
            "-Dorg.slf4j.simpleLogger.showDateTime=false", "-Dorg.slf4j.simpleLogger.showThreadName=false",
            "-Dorg.slf4j.simpleLogger.showShortLogName=true");
    /** Room per round for the JVM and broker to start and stop, beyond the run's duration and drain time. */
    private static final Duration ROUND_MARGIN = Duration.ofSeconds(90);
    private static final int OUTPUT_LINES_LOGGED = 40;

    private final int warmUps;
    private final RunLimits limits;
    private final Path workDir;
    private final List<String> jvmOptions;

    ChildScenarioRun(int warmUps, RunLimits limits, Path workDir, List<String> extraJvmOptions) {
        this.warmUps = warmUps;
        this.limits = limits;
        this.workDir = workDir;
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        ArtemisNativeLibrary.libraryPathOption(workDir).ifPresent(options::add);
        options.addAll(extraJvmOptions);
        this.jvmOptions = List.copyOf(options);
    }

    @Override
    public Measurement run(Scenario scenario, BrokerKind broker, int repeat) throws Exception {
        Duration round = limits.duration().plus(limits.drainTimeout()).plus(ROUND_MARGIN);
        Duration timeout = round.multipliedBy(warmUps + 1L);
        String label = broker.displayName() + " child";
        ChildJvm.Outcome outcome = ChildJvm.run(ScenarioChild.class, jvmOptions,
                ScenarioChild.arguments(broker, scenario, workDir, warmUps, repeat, limits), timeout,
                line -> {
                    if (!line.startsWith(ChildResultLine.RESULT) && !line.startsWith(ChildResultLine.UNSUPPORTED)) {
                        LOG.info("[{}] {}", label, line);
                    }
                });
        for (String line : outcome.output()) {
            Optional<String> reason = ChildResultLine.unsupportedReason(line);
            if (reason.isPresent()) {
                throw new ScenarioUnsupportedException(scenario.name(), reason.get());
            }
        }
        Optional<ChildResultLine.Parsed> parsed = outcome.succeeded()
                ? outcome.output().stream().map(ChildResultLine::parse).flatMap(Optional::stream).findFirst()
                : Optional.empty();
        if (parsed.isEmpty()) {
            List<String> output = outcome.output();
            LOG.warn("{} on {} #{} failed (exited: {}, status {}); the last of its output: {}", scenario.name(),
                    broker.displayName(), repeat, outcome.exited(), outcome.exitStatus(),
                    output.subList(Math.max(0, output.size() - OUTPUT_LINES_LOGGED), output.size()));
            return new Measurement(scenario.name(), broker.displayName(), repeat,
                    new ScenarioResult(1, 0, Map.of(ScenarioResult.COMPLETED, 0.0)), 0);
        }
        return new Measurement(scenario.name(), broker.displayName(), repeat, parsed.get().result(),
                parsed.get().threadsLeft());
    }
}
