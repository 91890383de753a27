package dev.tern.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the summary as an aligned text table: per broker the median and, over several repeats, the
 * min-max in parentheses ({@code 13,554 (12,900-14,100)}); then Tern's ratio to each other broker and to the
 * best peer, each above 1 when Tern is better.
 */
public final class ResultTable {

    static final String BEST_PEER = "Tern/best peer";

    private ResultTable() {
    }

    public static void print(List<SummaryRow> rows, List<BrokerKind> brokers, PrintStream out) {
        List<BrokerKind> others = brokers.stream().filter(b -> b != BrokerKind.TERN).toList();
        boolean ratios = brokers.contains(BrokerKind.TERN);
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("scenario", "metric"));
        brokers.forEach(b -> header.add(b.displayName()));
        if (ratios) {
            others.forEach(b -> header.add("Tern/" + b.displayName()));
            header.add(BEST_PEER);
        }
        table.add(header);
        for (SummaryRow row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.scenario(), row.metric()));
            brokers.forEach(b -> cells.add(cell(row.spreads().get(b.displayName()))));
            if (ratios) {
                others.forEach(b -> cells.add(ratio(row.ternRatioTo(b.displayName()))));
                cells.add(ratio(row.ternRatioToBestPeer()));
            }
            table.add(cells);
        }
        int[] widths = new int[header.size()];
        for (List<String> cells : table) {
            for (int i = 0; i < cells.size(); i++) {
                widths[i] = Math.max(widths[i], cells.get(i).length());
            }
        }
        for (List<String> cells : table) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                String format = i < 2 ? "%-" + widths[i] + "s" : "%" + widths[i] + "s";
                line.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, format, cells.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** The median, and the min-max when more than one repeat gave the figure; "-" for none. */
    static String cell(Spread spread) {
        if (spread == null) {
            return "-";
        }
        String median = figure(spread.median());
        return spread.runs() < 2 ? median : median + " (" + figure(spread.min()) + "-" + figure(spread.max()) + ")";
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
