package dev.tern.bench;

import java.util.Arrays;
import java.util.Collection;

/** The median of a collection of figures: the middle one, or the mean of the two middle ones. */
final class Median {

    private Median() {
    }

    static double of(Collection<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
