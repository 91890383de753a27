package dev.tern.bench;

import java.util.Collection;

/**
 * One broker's figures for one scenario and metric over the repeats: the median, the lowest and the highest.
 *
 * @param runs how many repeats gave the figure
 */
public record Spread(double median, double min, double max, int runs) {

    /** The spread of {@code values}, which must not be empty. */
    static Spread of(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no figures");
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return new Spread(Median.of(values), min, max, values.size());
    }

    /** Just one figure. */
    static Spread single(double value) {
        return new Spread(value, value, value, 1);
    }
}
