package dev.tern.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One figure of one scenario: each broker's median and min–max over the repeats, and Tern's ratios.
 * Every ratio reads the same way whatever the figure: above 1 means Tern is better ({@link MetricDirection}).
 *
 * @param scenario the scenario's name
 * @param metric the figure, as in {@code msg/s}
 * @param spreads broker display name to its figures, in broker order; brokers without the figure are absent
 */
public record SummaryRow(String scenario, String metric, Map<String, Spread> spreads) {

    public SummaryRow {
        spreads = Collections.unmodifiableMap(new LinkedHashMap<>(spreads));
    }

    /** A row of single figures, one per broker, as from one repeat. */
    static SummaryRow ofMedians(String scenario, String metric, Map<String, Double> medians) {
        Map<String, Spread> spreads = new LinkedHashMap<>();
        medians.forEach((broker, value) -> spreads.put(broker, Spread.single(value)));
        return new SummaryRow(scenario, metric, spreads);
    }

    /** Broker display name to median, in broker order. */
    public Map<String, Double> medians() {
        Map<String, Double> medians = new LinkedHashMap<>();
        spreads.forEach((broker, spread) -> medians.put(broker, spread.median()));
        return medians;
    }

    public MetricDirection direction() {
        return MetricDirection.of(metric);
    }

    /** How many times better Tern's median is than {@code broker}'s (above 1: Tern better), or NaN if either is missing. */
    public double ternRatioTo(String broker) {
        return direction().ternAdvantage(median(BrokerKind.TERN.displayName()), median(broker));
    }

    /**
     * Tern's ratio to the best median among its peers in the run ({@link BrokerKind#isPeer}: not the untuned
     * Artemis), as {@link #ternRatioTo}; NaN if Tern or every peer lacks the figure.
     */
    public double ternRatioToBestPeer() {
        Double best = null;
        for (BrokerKind kind : BrokerKind.values()) {
            Double median = kind.isPeer() ? median(kind.displayName()) : null;
            if (median != null && (best == null || direction().better(median, best))) {
                best = median;
            }
        }
        return direction().ternAdvantage(median(BrokerKind.TERN.displayName()), best);
    }

    private Double median(String broker) {
        Spread spread = spreads.get(broker);
        return spread == null ? null : spread.median();
    }
}
