package dev.tern.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The main class of the child JVM that runs one recorded repeat of a scenario on one broker for {@link
 * ChildScenarioRun}: the broker embedded in this JVM, after the warm-up rounds, each on a fresh broker and
 * data directory ({@link InProcessScenarioRun}). Prints one {@link ChildResultLine} and exits 0, or exits 1
 * if the run failed.
 *
 * <p>Arguments: broker kind, scenario name, work directory, warm-up rounds, repeat, then the run limits:
 * duration in ms, most messages, window, drain timeout in ms.
 */
public final class ScenarioChild {

    private ScenarioChild() {
    }

    /** The arguments that make a child run {@code scenario} on {@code broker}. */
    static List<String> arguments(BrokerKind broker, Scenario scenario, Path workDir, int warmUps, int repeat,
            RunLimits limits) {
        return List.of(broker.name(), scenario.name(), workDir.toString(), Integer.toString(warmUps),
                Integer.toString(repeat), Long.toString(limits.duration().toMillis()),
                Long.toString(limits.maxMessages()), Integer.toString(limits.window()),
                Long.toString(limits.drainTimeout().toMillis()));
    }

    public static void main(String[] args) {
        int status = 1;
        try {
            BrokerKind broker = BrokerKind.valueOf(args[0]);
            Scenario scenario = Scenarios.all().stream().filter(s -> s.name().equals(args[1])).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no scenario named " + args[1]));
            RunLimits limits = new RunLimits(Duration.ofMillis(Long.parseLong(args[5])), Long.parseLong(args[6]),
                    Integer.parseInt(args[7]), Duration.ofMillis(Long.parseLong(args[8])));
            InProcessScenarioRun run = new InProcessScenarioRun(Integer.parseInt(args[3]), limits, Path.of(args[2]));
            try {
                Measurement measurement = run.run(scenario, broker, Integer.parseInt(args[4]));
                System.out.println(ChildResultLine.of(measurement.result(), measurement.threadsLeft()));
            } catch (ScenarioUnsupportedException e) {
                System.out.println(ChildResultLine.unsupported(e.getMessage()));
            }
            status = 0;
        } catch (Throwable e) {
            e.printStackTrace();
        }
        System.out.flush();
        // a thread the broker left behind must not keep this JVM alive; the census has already counted it
        System.exit(status);
    }
}
