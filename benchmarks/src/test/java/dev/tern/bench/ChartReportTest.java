package dev.tern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartReportTest {

    private static final List<BrokerKind> BROKERS = BrokerKind.defaults();

    @Test
    void drawsOnePngPerFigure(@TempDir Path dir) throws Exception {
        List<SummaryRow> rows = List.of(
                row("fast", "msg/s", 200_000, 16_000, 130_000),
                row("slow", "msg/s", 150, 230, 600),
                row("latency", "p99 us", 4_000, 3_000, 2_000));

        List<Path> files = ChartReport.write(rows, BROKERS, dir);

        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("chart-msg-per-s.png", "chart-p99-us.png");
        assertThat(files).allSatisfy(f -> assertThat(Files.size(f)).isGreaterThan(1_000));
    }

    @Test
    void usesALogAxisOnlyForPositiveFiguresSpanningDecades() {
        assertThat(ChartReport.spansDecades(List.of(row("a", "m", 200_000, 1, 5)), BROKERS)).isTrue();
        assertThat(ChartReport.spansDecades(List.of(row("a", "m", 200, 100, 50)), BROKERS)).isFalse();
        assertThat(ChartReport.spansDecades(List.of(row("a", "m", 200_000, 0, 5)), BROKERS)).isFalse();
    }

    private static SummaryRow row(String scenario, String metric, double tern, double artemis, double classic) {
        Map<String, Double> medians = new LinkedHashMap<>();
        medians.put("Tern", tern);
        medians.put("Artemis", artemis);
        medians.put("Classic", classic);
        return SummaryRow.ofMedians(scenario, metric, medians);
    }
}
