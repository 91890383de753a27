package dev.tern.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Groups measurements by scenario and figure and takes each broker's median, min and max over the repeats. */
public final class Summary {

    private Summary() {
    }

    /** One row per scenario and figure, in the order the measurements first show them. */
    public static List<SummaryRow> of(List<Measurement> measurements, List<BrokerKind> brokers) {
        Map<String, Map<String, Map<String, List<Double>>>> grouped = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            m.result().metrics().forEach((metric, value) -> grouped
                    .computeIfAbsent(m.scenario(), s -> new LinkedHashMap<>())
                    .computeIfAbsent(metric, k -> new LinkedHashMap<>())
                    .computeIfAbsent(m.broker(), b -> new ArrayList<>())
                    .add(value));
        }
        List<SummaryRow> rows = new ArrayList<>();
        grouped.forEach((scenario, metrics) -> metrics.forEach((metric, byBroker) -> {
            Map<String, Spread> spreads = new LinkedHashMap<>();
            for (BrokerKind broker : brokers) {
                List<Double> values = byBroker.get(broker.displayName());
                if (values != null) {
                    spreads.put(broker.displayName(), Spread.of(values));
                }
            }
            rows.add(new SummaryRow(scenario, metric, spreads));
        }));
        return rows;
    }
}
