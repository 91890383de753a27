package dev.tern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {

    private static final List<BrokerKind> ALL = List.of(BrokerKind.TERN, BrokerKind.ARTEMIS, BrokerKind.CLASSIC,
            BrokerKind.ARTEMIS_DEFAULT);

    @Test
    void takesTheMedianMinAndMaxPerBrokerAndTernsRatios() {
        List<Measurement> runs = List.of(
                run("Tern", 1, 100), run("Artemis", 1, 50), run("Classic", 1, 400),
                run("Tern", 2, 300), run("Artemis", 2, 40), run("Classic", 2, 200),
                run("Tern", 3, 200), run("Artemis", 3, 60), run("Classic", 3, 100));

        List<SummaryRow> rows = Summary.of(runs, BrokerKind.defaults());

        assertThat(rows).hasSize(1);
        SummaryRow row = rows.get(0);
        assertThat(row.medians()).containsExactly(Map.entry("Tern", 200.0), Map.entry("Artemis", 50.0),
                Map.entry("Classic", 200.0));
        assertThat(row.spreads().get("Tern")).isEqualTo(new Spread(200, 100, 300, 3));
        assertThat(row.spreads().get("Classic")).isEqualTo(new Spread(200, 100, 400, 3));
        assertThat(row.ternRatioTo("Artemis")).isEqualTo(4.0);
        assertThat(row.ternRatioTo("Classic")).isEqualTo(1.0);
        assertThat(row.ternRatioToBestPeer()).isEqualTo(1.0);
    }

    @Test
    void theBestPeerLeavesOutTheUntunedArtemisAndEveryRatioReadsAboveOneWhenTernIsBetter() {
        SummaryRow throughput = row("msg/s", 1_000, 500, 250, 5_000);
        SummaryRow latency = row("p99 us", 200, 100, 400, 50);

        assertThat(throughput.ternRatioToBestPeer()).isEqualTo(2.0);
        assertThat(throughput.ternRatioTo("Artemis (untuned)")).isEqualTo(0.2);
        assertThat(latency.direction()).isEqualTo(MetricDirection.LOWER_IS_BETTER);
        assertThat(latency.ternRatioTo("Classic")).isEqualTo(2.0);
        assertThat(latency.ternRatioTo("Artemis")).isEqualTo(0.5);
        assertThat(latency.ternRatioToBestPeer()).isEqualTo(0.5);
    }

    @Test
    void figuresOfTimeMemoryAndLeftoverThreadsAreBetterLower() {
        assertThat(List.of("p50 us", "start ms", "total s", "live MB", "threads left"))
                .allSatisfy(m -> assertThat(MetricDirection.of(m)).isEqualTo(MetricDirection.LOWER_IS_BETTER));
        assertThat(List.of("msg/s", "msg/fsync", "sent/fsync", "completed"))
                .allSatisfy(m -> assertThat(MetricDirection.of(m)).isEqualTo(MetricDirection.HIGHER_IS_BETTER));
    }

    @Test
    void theTableShowsTheMedianWithItsMinMaxAndTheCsvHasMinAndMaxColumns(@TempDir Path dir) throws Exception {
        List<Measurement> runs = List.of(run("Tern", 1, 12_900), run("Tern", 2, 13_554), run("Tern", 3, 14_100),
                run("Artemis", 1, 6_000), run("Artemis", 2, 7_000), run("Artemis", 3, 6_500));
        List<SummaryRow> rows = Summary.of(runs, BrokerKind.defaults());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ResultTable.print(rows, BrokerKind.defaults(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        CsvReport.writeSummary(rows, BrokerKind.defaults(), dir.resolve("summary.csv"));

        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("13,554 (12,900-14,100)").contains("6,500 (6,000-7,000)")
                .contains(ResultTable.BEST_PEER).contains("2.09");
        assertThat(Files.readAllLines(dir.resolve("summary.csv"))).containsExactly(
                "scenario,metric,median_tern,min_tern,max_tern,median_artemis,min_artemis,max_artemis,"
                        + "median_classic,min_classic,max_classic,tern_over_artemis,tern_over_classic,tern_over_best_peer",
                "s,msg/s,13554.000,12900.000,14100.000,6500.000,6000.000,7000.000,,,,2.085,,2.085");
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

    private static SummaryRow row(String metric, double tern, double artemis, double classic, double untuned) {
        Map<String, Double> medians = new LinkedHashMap<>();
        medians.put("Tern", tern);
        medians.put("Artemis", artemis);
        medians.put("Classic", classic);
        medians.put("Artemis (untuned)", untuned);
        SummaryRow row = SummaryRow.ofMedians("s", metric, medians);
        assertThat(row.spreads().keySet()).containsExactlyElementsOf(ALL.stream().map(BrokerKind::displayName).toList());
        return row;
    }

    private static Measurement run(String broker, int repeat, double value) {
        return new Measurement("s", broker, repeat,
                new ScenarioResult(10, 10, Map.of(ThroughputScenario.MESSAGES_PER_SECOND, value)), 0);
    }
}
