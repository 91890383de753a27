package dev.tern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Draws one bar chart per figure ({@code msg/s}, latency percentiles, ...): scenarios along the x axis,
 * one bar per broker at its median, on a log axis when the medians span more than two decades. Files
 * are named after the figure, as in {@code chart-msg-per-s.png}.
 */
public final class ChartReport {

    private ChartReport() {
    }

    /** Writes the charts into {@code dir} and returns their paths. */
    public static List<Path> write(List<SummaryRow> rows, List<BrokerKind> brokers, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (String metric : rows.stream().map(SummaryRow::metric).distinct().toList()) {
            List<SummaryRow> ofMetric = rows.stream().filter(r -> r.metric().equals(metric)).toList();
            CategoryChart chart = new CategoryChartBuilder().width(200 + 160 * ofMetric.size()).height(600)
                    .title("Median " + metric + " per broker").xAxisTitle("scenario").yAxisTitle(metric).build();
            chart.getStyler().setXAxisLabelRotation(20);
            boolean logarithmic = spansDecades(ofMetric, brokers);
            chart.getStyler().setYAxisLogarithmic(logarithmic);
            if (logarithmic) {
                chart.setTitle("Median " + metric + " per broker (log scale)");
                // bars grow from the axis minimum, which must be positive on a log axis
                chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest(ofMetric)))));
            }
            List<String> scenarios = ofMetric.stream().map(SummaryRow::scenario).toList();
            for (BrokerKind broker : brokers) {
                List<Double> values = ofMetric.stream()
                        .map(r -> r.medians().getOrDefault(broker.displayName(), 0.0))
                        .toList();
                chart.addSeries(broker.displayName(), scenarios, values);
            }
            Path file = dir.resolve("chart-" + fileName(metric) + ".png");
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            written.add(file);
        }
        return written;
    }

    /**
     * Whether the figures span more than two decades, so that a linear axis would flatten the small
     * ones (persistent next to non-persistent throughput); a log axis needs every figure positive.
     */
    static boolean spansDecades(List<SummaryRow> rows, List<BrokerKind> brokers) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (SummaryRow row : rows) {
            for (BrokerKind broker : brokers) {
                Double value = row.medians().get(broker.displayName());
                if (value == null || !(value > 0)) {
                    return false;
                }
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        return max / min > 100;
    }

    private static double smallest(List<SummaryRow> rows) {
        return rows.stream().flatMap(r -> r.medians().values().stream()).mapToDouble(Double::doubleValue).min()
                .orElse(1);
    }

    private static String fileName(String metric) {
        return metric.replace("/", "-per-").replaceAll("[^A-Za-z0-9.-]+", "-");
    }
}
