package dev.tern.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each scenario {@code repeats} times against every broker, the brokers taking turns within each repeat
 * in an order that reverses from one repeat to the next ({@link BrokerOrder}), so that drift in the
 * machine's load spreads over all of them. How one run is made (a child JVM per run, warm-up rounds first)
 * is up to the {@link ScenarioRun}. A broker that cannot run a scenario is skipped for its later repeats.
 */
public final class BenchmarkRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRunner.class);

    private final List<BrokerKind> brokers;
    private final int repeats;
    private final ScenarioRun run;

    BenchmarkRunner(List<BrokerKind> brokers, int repeats, ScenarioRun run) {
        if (brokers.isEmpty() || repeats < 1) {
            throw new IllegalArgumentException("need at least one broker and one repeat");
        }
        this.brokers = List.copyOf(brokers);
        this.repeats = repeats;
        this.run = run;
    }

    /** Runs the scenarios and returns every measurement, in the order taken. */
    public List<Measurement> run(List<Scenario> scenarios) throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            Set<BrokerKind> unsupported = EnumSet.noneOf(BrokerKind.class);
            for (int repeat = 1; repeat <= repeats; repeat++) {
                for (BrokerKind broker : BrokerOrder.forRepeat(brokers, repeat)) {
                    if (unsupported.contains(broker)) {
                        continue;
                    }
                    Measurement measurement;
                    try {
                        measurement = run.run(scenario, broker, repeat);
                    } catch (ScenarioUnsupportedException e) {
                        LOG.warn("{} cannot run on {}, which has no figures for it: {}", scenario.name(),
                                broker.displayName(), e.getMessage());
                        unsupported.add(broker);
                        continue;
                    }
                    LOG.info("{} {} #{}: {}", scenario.name(), broker.displayName(), repeat, measurement.result());
                    measurements.add(measurement);
                }
            }
        }
        return measurements;
    }
}
