package dev.tern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The AMQP scenarios run end to end through Qpid JMS against Tern and Artemis 2.40, each in a child JVM of
 * its own (Artemis's jars are copied to target/artemis-amqp/lib before the tests run); Classic is left out.
 */
class AmqpSmokeTest {

    private static final Path TARGET = Path.of("target", "amqp-smoke");

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void persistentSendsOverAmqpReachTheConsumerOnTernAndArtemisChildJvmsAndClassicHasNoFigures() throws Exception {
        Scenario scenario = Scenarios.matching(List.of("p2p-persistent-1p-amqp")).get(0);
        RunLimits limits = new RunLimits(Duration.ofSeconds(20), 100, 10_000, Duration.ofSeconds(10));

        BenchmarkReport report = new BenchmarkRunnerSession(BrokerKind.defaults(), 0, 1, limits,
                TARGET.resolve("data"), TARGET.resolve("results")).run(ScenarioSelection.only(List.of(scenario)));

        assertThat(report.measurements()).extracting(Measurement::broker).containsExactly("Tern", "Artemis");
        assertThat(report.measurements()).allSatisfy(m -> {
            assertThat(m.result().expected()).isEqualTo(100);
            assertThat(m.result().delivered()).isEqualTo(100);
        });
        assertThat(report.measurements().get(0).result().metrics()).containsKey("msg/fsync");
        assertThat(report.incomplete()).isEmpty();
    }

    @Test
    void everyAmqpScenarioIsSelectedByTheFragmentAmqp() {
        assertThat(Scenarios.matching(List.of("amqp"))).extracting(Scenario::name).containsExactly(
                "p2p-nonpersistent-amqp", "p2p-persistent-1p-amqp", "p2p-persistent-4p-amqp", "p2p-persistent-4p4c-amqp");
        assertThat(Scenarios.matching(List.of("amqp"))).allSatisfy(s -> assertThat(s.transport()).isEqualTo(Transport.AMQP));
    }
}
