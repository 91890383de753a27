package dev.tern.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run measured.
 *
 * @param expected deliveries the consumers should have seen (messages sent times subscribers)
 * @param delivered deliveries they did see
 * @param metrics named figures in display order, as in {@code msg/s} or {@code p99 us}
 */
public record ScenarioResult(long expected, long delivered, Map<String, Double> metrics) {

    /**
     * An optional figure: 1 if the run did everything it should, 0 if not, for runs that can fail though
     * every delivery arrived (a message twice or out of order).
     */
    public static final String COMPLETED = "completed";

    public ScenarioResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** Whether every expected delivery arrived, and the run did not mark itself failed otherwise. */
    public boolean complete() {
        return delivered == expected && expected > 0 && metrics.getOrDefault(COMPLETED, 1.0) == 1.0;
    }

    /** This result with one more figure. */
    public ScenarioResult with(String metric, double value) {
        Map<String, Double> more = new LinkedHashMap<>(metrics);
        more.put(metric, value);
        return new ScenarioResult(expected, delivered, more);
    }
}
