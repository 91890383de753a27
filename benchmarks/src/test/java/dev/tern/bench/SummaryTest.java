package dev.tern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void takesTheMedianPerBrokerAndTernsRatios() {
        List<Measurement> runs = List.of(
                run("Tern", 1, 100), run("Artemis", 1, 50), run("Classic", 1, 400),
                run("Tern", 2, 300), run("Artemis", 2, 40), run("Classic", 2, 200),
                run("Tern", 3, 200), run("Artemis", 3, 60), run("Classic", 3, 100));

        List<SummaryRow> rows = Summary.of(runs, BrokerKind.defaults());

        assertThat(rows).hasSize(1);
        SummaryRow row = rows.get(0);
        assertThat(row.medians()).containsExactly(Map.entry("Tern", 200.0), Map.entry("Artemis", 50.0),
                Map.entry("Classic", 200.0));
        assertThat(row.ternRatioTo("Artemis")).isEqualTo(4.0);
        assertThat(row.ternRatioTo("Classic")).isEqualTo(1.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Median.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void percentilesUseTheNearestRank() {
        long[] samples = new long[1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 1000 - i;
        }
        Percentiles percentiles = new Percentiles(samples, samples.length);
        assertThat(percentiles.at(50)).isEqualTo(500);
        assertThat(percentiles.at(99)).isEqualTo(990);
        assertThat(percentiles.at(99.9)).isEqualTo(999);
        assertThat(percentiles.at(100)).isEqualTo(1000);
    }

    private static Measurement run(String broker, int repeat, double value) {
        return new Measurement("s", broker, repeat,
                new ScenarioResult(10, 10, Map.of(ThroughputScenario.MESSAGES_PER_SECOND, value)), 0);
    }
}
