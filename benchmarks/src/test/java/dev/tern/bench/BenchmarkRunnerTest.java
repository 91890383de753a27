package dev.tern.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkRunnerTest {

    private static final Scenario SCENARIO = Scenarios.matching(List.of("p2p-persistent-1p-vm")).get(0);

    @Test
    void brokersTakeTurnsInAnOrderThatReversesEveryRepeat() throws Exception {
        List<String> order = new ArrayList<>();
        BenchmarkRunner runner = new BenchmarkRunner(BrokerKind.defaults(), 3, (scenario, broker, repeat) -> {
            order.add(broker.displayName() + " #" + repeat);
            return measurement(broker, repeat);
        });

        runner.run(List.of(SCENARIO));

        assertThat(order).containsExactly("Tern #1", "Artemis #1", "Classic #1", "Classic #2", "Artemis #2",
                "Tern #2", "Tern #3", "Artemis #3", "Classic #3");
    }

    @Test
    void aBrokerThatCannotRunTheScenarioIsAskedOnceAndHasNoFigures() throws Exception {
        List<String> asked = new ArrayList<>();
        BenchmarkRunner runner = new BenchmarkRunner(BrokerKind.defaults(), 2, (scenario, broker, repeat) -> {
            asked.add(broker.displayName());
            if (broker == BrokerKind.CLASSIC) {
                throw new ScenarioUnsupportedException(scenario.name(), "not here");
            }
            return measurement(broker, repeat);
        });

        List<Measurement> measurements = runner.run(List.of(SCENARIO));

        assertThat(asked).containsExactly("Tern", "Artemis", "Classic", "Artemis", "Tern");
        assertThat(measurements).extracting(Measurement::broker).doesNotContain("Classic");
    }

    @Test
    void theUntunedArtemisRunsOnlyPersistentScenariosOverVmAndTcp() {
        assertThat(BrokerKind.defaults()).doesNotContain(BrokerKind.ARTEMIS_DEFAULT);
        assertThat(BrokerKind.ARTEMIS_DEFAULT.isPeer()).isFalse();
        assertThat(BrokerKind.ARTEMIS_DEFAULT.displayName()).isEqualTo("Artemis (untuned)");
        for (String name : List.of("p2p-nonpersistent-vm", "p2p-persistent-1p-amqp")) {
            Scenario scenario = Scenarios.matching(List.of(name)).get(0);
            assertThatThrownBy(() -> BrokerKind.ARTEMIS_DEFAULT.start(Path.of("target", "never-created"), scenario.persistent(), scenario.transport(),
                    scenario.name())).isInstanceOf(ScenarioUnsupportedException.class);
        }
    }

    private static Measurement measurement(BrokerKind broker, int repeat) {
        return new Measurement(SCENARIO.name(), broker.displayName(), repeat,
                new ScenarioResult(1, 1, Map.of(ThroughputScenario.MESSAGES_PER_SECOND, 1.0)), 0);
    }
}
