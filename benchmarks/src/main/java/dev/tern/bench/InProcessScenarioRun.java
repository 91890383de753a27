package dev.tern.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a scenario with the broker embedded in this JVM: {@code warmUps} unrecorded rounds, then the recorded
 * one, each on a freshly started broker with an empty data directory, stopped (and its directory deleted)
 * afterwards. {@link ScenarioChild} runs it in a JVM of its own; tests may run it in theirs.
 */
final class InProcessScenarioRun implements ScenarioRun {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessScenarioRun.class);
    private static final long THREAD_GRACE_MILLIS = 1_000;

    private final int warmUps;
    private final RunLimits limits;
    private final Path workDir;

    InProcessScenarioRun(int warmUps, RunLimits limits, Path workDir) {
        if (warmUps < 0) {
            throw new IllegalArgumentException("no negative warm-ups: " + warmUps);
        }
        this.warmUps = warmUps;
        this.limits = limits;
        this.workDir = workDir;
    }

    @Override
    public Measurement run(Scenario scenario, BrokerKind broker, int repeat) throws Exception {
        for (int round = 1; round <= warmUps; round++) {
            Measurement warmUp = once(scenario, broker, repeat);
            LOG.info("{} {} #{} warm-up {}: {}", scenario.name(), broker.displayName(), repeat, round, warmUp.result());
        }
        return once(scenario, broker, repeat);
    }

    private Measurement once(Scenario scenario, BrokerKind kind, int repeat) throws Exception {
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
            for (var figure : broker.setupFigures().entrySet()) {
                result = result.with(figure.getKey(), figure.getValue());
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
}
