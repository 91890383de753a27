package dev.tern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code runs.csv} (every run's figures, deliveries and leftover threads) and {@code summary.csv}
 * (each broker's median, min and max over the repeats; Tern's ratio to each other broker and to the best
 * peer, each above 1 when Tern is better).
 */
public final class CsvReport {

    private CsvReport() {
    }

    public static void writeRuns(List<Measurement> measurements, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("scenario,broker,repeat,metric,value,expected,delivered,threads_left");
        for (Measurement m : measurements) {
            m.result().metrics().forEach((metric, value) -> lines.add(String.join(",", m.scenario(), m.broker(),
                    Integer.toString(m.repeat()), metric, number(value), Long.toString(m.result().expected()),
                    Long.toString(m.result().delivered()), Integer.toString(m.threadsLeft()))));
        }
        write(file, lines);
    }

    public static void writeSummary(List<SummaryRow> rows, List<BrokerKind> brokers, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder("scenario,metric");
        for (BrokerKind broker : brokers) {
            String name = broker.name().toLowerCase(Locale.ROOT);
            header.append(",median_").append(name).append(",min_").append(name).append(",max_").append(name);
        }
        List<BrokerKind> others = brokers.stream().filter(b -> b != BrokerKind.TERN).toList();
        others.forEach(b -> header.append(",tern_over_").append(b.name().toLowerCase(Locale.ROOT)));
        header.append(",tern_over_best_peer");
        lines.add(header.toString());
        for (SummaryRow row : rows) {
            StringBuilder line = new StringBuilder(row.scenario()).append(',').append(row.metric());
            for (BrokerKind broker : brokers) {
                Spread spread = row.spreads().get(broker.displayName());
                line.append(',').append(number(spread == null ? null : spread.median()))
                        .append(',').append(number(spread == null ? null : spread.min()))
                        .append(',').append(number(spread == null ? null : spread.max()));
            }
            others.forEach(b -> line.append(',').append(number(row.ternRatioTo(b.displayName()))));
            line.append(',').append(number(row.ternRatioToBestPeer()));
            lines.add(line.toString());
        }
        write(file, lines);
    }

    private static String number(Double value) {
        return value == null || value.isNaN() ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines);
    }
}
