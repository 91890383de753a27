package dev.tern.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each scenario {@code repeats} times against every broker, alternating brokers within each repeat
 * (A, B, C, A, B, C, ...) so that drift in the machine's load spreads over all of them, after optional
 * unrecorded warm-up rounds. Every run gets a
 * freshly started broker with an empty data directory, stopped (and its directory deleted) afterwards.
 */
public final class BenchmarkRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRunner.class);
    private static final long THREAD_GRACE_MILLIS = 1_000;

    private final List<BrokerKind> brokers;
    private final int repeats;
    private final int warmUps;
    private final RunLimits limits;
    private final Path workDir;

    /**
     * @param warmUps unrecorded rounds of each scenario, every broker in turn, before the recorded
     *     repeats, so that the JIT has compiled each broker's hot paths before it is measured
     */
    public BenchmarkRunner(List<BrokerKind> brokers, int warmUps, int repeats, RunLimits limits, Path workDir) {
        if (brokers.isEmpty() || repeats < 1 || warmUps < 0) {
            throw new IllegalArgumentException("need at least one broker and one repeat, and no negative warm-ups");
        }
        this.brokers = List.copyOf(brokers);
        this.warmUps = warmUps;
        this.repeats = repeats;
        this.limits = limits;
        this.workDir = workDir;
    }

    /** Runs the scenarios and returns every measurement, in the order taken. */
    public List<Measurement> run(List<Scenario> scenarios) throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            Set<BrokerKind> unsupported = EnumSet.noneOf(BrokerKind.class);
            for (int repeat = 1 - warmUps; repeat <= repeats; repeat++) {
                for (BrokerKind broker : brokers) {
                    if (unsupported.contains(broker)) {
                        continue;
                    }
                    Measurement measurement;
                    try {
                        measurement = runOnce(scenario, broker, repeat);
                    } catch (ScenarioUnsupportedException e) {
                        LOG.warn("{} cannot run on {}, which has no figures for it: {}", scenario.name(),
                                broker.displayName(), e.getMessage());
                        unsupported.add(broker);
                        continue;
                    }
                    if (repeat < 1) {
                        LOG.info("{} {} warm-up: {}", scenario.name(), broker.displayName(), measurement.result());
                    } else {
                        LOG.info("{} {} #{}: {}", scenario.name(), broker.displayName(), repeat, measurement.result());
                        measurements.add(measurement);
                    }
                }
            }
        }
        return measurements;
    }

    /**
     * Adds Tern's journal figures: over the send phase, messages sent per sync (group commit of sends,
     * though the consumer's acknowledgments share those syncs); over the whole run, messages delivered
     * per sync and journal units per sync.
     */
    private static ScenarioResult withSyncFigures(ScenarioResult result, SyncCounters before, SendPhase sendPhase,
            SyncCounters after) {
        ScenarioResult withFigures = result;
        if (sendPhase.counters != null) {
            SyncCounters sending = sendPhase.counters.since(before);
            if (sending.syncs() > 0) {
                withFigures = withFigures.with("sent/fsync", (double) sendPhase.messagesSent / sending.syncs());
            }
        }
        SyncCounters whole = after.since(before);
        if (whole.syncs() > 0) {
            withFigures = withFigures.with("msg/fsync", (double) result.delivered() / whole.syncs())
                    .with("units/fsync", (double) whole.units() / whole.syncs());
        }
        return withFigures;
    }

    /** Reads the broker's journal counters when the producers finish. */
    private static final class SendPhase implements RunObserver {
        private final BrokerUnderTest broker;
        private volatile SyncCounters counters;
        private volatile long messagesSent;

        SendPhase(BrokerUnderTest broker) {
            this.broker = broker;
        }

        @Override
        public void sendingFinished(long sent) {
            messagesSent = sent;
            counters = broker.syncCounters().orElse(null);
        }
    }

    private Measurement runOnce(Scenario scenario, BrokerKind kind, int repeat) throws Exception {
        Path dataDir = workDir.resolve(kind.name().toLowerCase() + "-" + scenario.name() + "-" + repeat);
        DataDirs.recreate(dataDir);
        ThreadCensus census = ThreadCensus.take();
        ScenarioResult result;
        try (BrokerUnderTest broker = kind.start(dataDir, scenario.persistent(), scenario.transport(), scenario.name())) {
            Optional<SyncCounters> before = broker.syncCounters();
            SendPhase sendPhase = new SendPhase(broker);
            result = scenario.run(broker.connectionFactory(scenario.transport(), scenario.sendStyle()), limits,
                    sendPhase);
            Optional<SyncCounters> after = broker.syncCounters();
            if (scenario.persistent() && before.isPresent() && after.isPresent()) {
                result = withSyncFigures(result, before.get(), sendPhase, after.get());
            }
        } catch (ScenarioUnsupportedException e) {
            DataDirs.delete(dataDir);
            throw e;
        }
        List<String> left = census.leftAfter(THREAD_GRACE_MILLIS);
        if (!left.isEmpty()) {
            LOG.warn("{} left {} thread(s) after {}: {}", kind.displayName(), left.size(), scenario.name(), left);
        }
        DataDirs.delete(dataDir);
        return new Measurement(scenario.name(), kind.displayName(), repeat, result, left.size());
    }
}
