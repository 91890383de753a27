package dev.tern.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints the summary as an aligned text table: medians per broker, then Tern's ratios. */
public final class ResultTable {

    private ResultTable() {
    }

    public static void print(List<SummaryRow> rows, List<BrokerKind> brokers, PrintStream out) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-38s %-11s", "scenario", "metric"));
        brokers.forEach(b -> header.append(String.format(Locale.ROOT, " %12s", b.displayName())));
        List<BrokerKind> others = brokers.stream().filter(b -> b != BrokerKind.TERN).toList();
        boolean ratios = brokers.contains(BrokerKind.TERN);
        if (ratios) {
            others.forEach(b -> header.append(String.format(Locale.ROOT, " %14s", "Tern/" + b.displayName())));
        }
        out.println(header);
        for (SummaryRow row : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-38s %-11s", row.scenario(), row.metric()));
            brokers.forEach(b -> line.append(String.format(Locale.ROOT, " %12s", figure(row.medians().get(b.displayName())))));
            if (ratios) {
                others.forEach(b -> line.append(String.format(Locale.ROOT, " %14s", ratio(row.ternRatioTo(b.displayName())))));
            }
            out.println(line);
        }
    }

    static String figure(Double value) {
        if (value == null || value.isNaN()) {
            return "-";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    static String ratio(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }
}
