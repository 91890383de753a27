package dev.tern.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repeat loop of the scenarios that run each broker in a child JVM of its own: every repeat runs
 * every broker once, brokers taking turns in {@link BrokerOrder}, and each result is logged as it comes.
 */
final class ChildJvmRuns {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvmRuns.class);

    /** One run of the scenario on one broker. */
    @FunctionalInterface
    interface Run {
        Measurement once(BrokerKind broker, int repeat) throws IOException, InterruptedException;
    }

    private ChildJvmRuns() {
    }

    static List<Measurement> alternate(String scenario, List<BrokerKind> brokers, int repeats, Run run)
            throws IOException, InterruptedException {
        List<Measurement> measurements = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            for (BrokerKind broker : BrokerOrder.forRepeat(brokers, repeat)) {
                Measurement measurement = run.once(broker, repeat);
                LOG.info("{} {} #{}: {}", scenario, broker.displayName(), repeat, measurement.result());
                measurements.add(measurement);
            }
        }
        return measurements;
    }
}
