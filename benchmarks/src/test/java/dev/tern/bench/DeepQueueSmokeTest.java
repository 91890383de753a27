package dev.tern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A smoke run of the deep-queue scenario with a shallow queue: every broker, once, in its own small JVM. */
class DeepQueueSmokeTest {

    private static final int MESSAGES = 2_000;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyBrokerQueuesAndDrainsEveryMessageInASmallHeapAndReportsTheFigures() throws Exception {
        DeepQueueRunner runner = new DeepQueueRunner(BrokerKind.defaults(), 1,
                Path.of("target", "smoke", "deep-data"), new DeepQueueRunner.Settings(MESSAGES, List.of()));

        List<Measurement> measurements = runner.run();

        assertThat(measurements).extracting(Measurement::broker).containsExactly("Tern", "Artemis", "Classic");
        assertThat(measurements).allSatisfy(m -> {
            assertThat(m.scenario()).isEqualTo(DeepQueueRunner.NAME);
            assertThat(m.result().expected()).isEqualTo(MESSAGES);
            assertThat(m.result().delivered()).isEqualTo(MESSAGES);
            assertThat(m.result().complete()).isTrue();
            assertThat(m.result().metrics()).containsEntry(ScenarioResult.COMPLETED, 1.0)
                    .containsKeys(DeepQueueRunner.ENQUEUE_SECONDS, DeepQueueRunner.DRAIN_SECONDS,
                            DeepQueueRunner.TOTAL_SECONDS, DeepQueueRunner.PEAK_HEAP_MB, DeepQueueRunner.LIVE_MB);
            assertThat(m.result().metrics().get(DeepQueueRunner.TOTAL_SECONDS)).isPositive();
            assertThat(m.result().metrics().get(DeepQueueRunner.PEAK_HEAP_MB)).isBetween(0.0, 256.0);
        });
    }

    @Test
    void theScenarioIsSelectedByItsNameAndListedLast() {
        assertThat(ScenarioSelection.matching(List.of("deep-queue")).names()).containsExactly(DeepQueueRunner.NAME);
        assertThat(ScenarioSelection.matching(List.of()).names()).endsWith(DeepQueueRunner.NAME);
        assertThat(ScenarioSelection.matching(List.of("request")).deepQueue()).isFalse();
    }
}
