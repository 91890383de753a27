package dev.tern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A smoke run of the harness, the only benchmark that runs in the build: one tiny persistent scenario
 * over TCP, once, against every broker, each in a child JVM of its own as in a real run; and the
 * asynchronous-send scenario with the brokers embedded in the test's JVM.
 */
class HarnessSmokeTest {

    private static final Path TARGET = Path.of("target", "smoke");

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void everyBrokerDeliversEveryMessageFromAChildJvmAndTheCsvIsWritten() throws Exception {
        Scenario scenario = Scenarios.matching(List.of("p2p-persistent-1p-tcp")).get(0);
        RunLimits limits = new RunLimits(Duration.ofSeconds(20), 200, 10_000, Duration.ofSeconds(10));
        List<BrokerKind> brokers = List.of(BrokerKind.TERN, BrokerKind.ARTEMIS, BrokerKind.CLASSIC,
                BrokerKind.ARTEMIS_DEFAULT);
        Path results = TARGET.resolve("results");
        Files.deleteIfExists(results.resolve("runs.csv"));

        BenchmarkReport report = new BenchmarkRunnerSession(brokers, 0, 1, limits, TARGET.resolve("data"), results)
                .run(ScenarioSelection.only(List.of(scenario)));

        assertThat(report.measurements()).extracting(Measurement::broker)
                .containsExactly("Tern", "Artemis", "Classic", "Artemis (untuned)");
        assertThat(report.measurements()).allSatisfy(m -> {
            assertThat(m.result().expected()).isEqualTo(200);
            assertThat(m.result().delivered()).isEqualTo(200);
            assertThat(m.result().metrics()).containsKey(ThroughputScenario.MESSAGES_PER_SECOND);
        });
        assertThat(report.measurements().get(0).result().metrics()).containsKey("msg/fsync");
        assertThat(report.measurements().get(1).result().metrics().get(ArtemisJournalSetup.TIMEOUT_METRIC))
                .isPositive().isLessThan(1_000_000.0);
        assertThat(report.measurements().get(3).result().metrics())
                .containsEntry(ArtemisJournalSetup.TIMEOUT_METRIC, 3333.333)
                .containsEntry(ArtemisJournalSetup.AIO_METRIC, 0.0);
        assertThat(report.incomplete()).isEmpty();
        assertThat(results.resolve("runs.csv")).exists();
        assertThat(Files.readAllLines(results.resolve("runs.csv")))
                .hasSizeGreaterThan(3)
                .anySatisfy(line -> assertThat(line).startsWith("p2p-persistent-1p-tcp,Artemis,1,msg/s,"));
        assertThat(results.resolve("summary.csv")).exists();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void asyncSendsCompleteOnTernAndArtemisInThisJvmAndClassicIsLeftOutBecauseItsClientRefusesThem() throws Exception {
        Scenario scenario = Scenarios.matching(List.of("16p-async-tcp")).get(0);
        RunLimits limits = new RunLimits(Duration.ofSeconds(20), 2_000, 10_000, Duration.ofSeconds(10));

        BenchmarkReport report = BenchmarkRunnerSession.inThisJvm(BrokerKind.defaults(), 0, 1, limits,
                TARGET.resolve("data"), TARGET.resolve("async-results")).run(ScenarioSelection.only(List.of(scenario)));

        assertThat(report.measurements()).extracting(Measurement::broker).containsExactly("Tern", "Artemis");
        assertThat(report.measurements()).allSatisfy(m -> {
            assertThat(m.result().expected()).isEqualTo(2_000);
            assertThat(m.result().delivered()).isEqualTo(2_000);
        });
        assertThat(report.measurements().get(0).result().metrics()).containsKey("sent/fsync");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void theMeteredTernRunsTheIdleQueuesScenarioBesideThePlainOne() throws Exception {
        Scenario scenario = Scenarios.matching(List.of("10k-idle-queues")).get(0);
        RunLimits limits = new RunLimits(Duration.ofSeconds(20), 2_000, 10_000, Duration.ofSeconds(10));

        BenchmarkReport report = BenchmarkRunnerSession.inThisJvm(List.of(BrokerKind.TERN, BrokerKind.TERN_METERED), 0, 1,
                limits, TARGET.resolve("data"), TARGET.resolve("metered-results")).run(ScenarioSelection.only(List.of(scenario)));

        assertThat(report.measurements()).extracting(Measurement::broker).containsExactly("Tern", "Tern with metrics");
        assertThat(report.measurements()).allSatisfy(m -> assertThat(m.result().delivered()).isEqualTo(2_000));
        assertThat(BrokerKind.TERN_METERED.isPeer()).isFalse();
    }
}
