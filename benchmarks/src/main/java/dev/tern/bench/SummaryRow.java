package dev.tern.bench;

import java.util.Map;

/**
 * The median of one figure of one scenario, per broker, and Tern's ratio to each other broker.
 *
 * @param scenario the scenario's name
 * @param metric the figure, as in {@code msg/s}
 * @param medians broker display name to median, in broker order; brokers without the figure are absent
 */
public record SummaryRow(String scenario, String metric, Map<String, Double> medians) {

    /** Tern's median divided by {@code broker}'s, or NaN if either is missing. */
    public double ternRatioTo(String broker) {
        Double tern = medians.get(BrokerKind.TERN.displayName());
        Double other = medians.get(broker);
        return tern == null || other == null || other == 0 ? Double.NaN : tern / other;
    }
}
