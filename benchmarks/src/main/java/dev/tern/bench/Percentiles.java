package dev.tern.bench;

import java.util.Arrays;

/** Percentiles of a set of samples, by the nearest-rank method. */
final class Percentiles {

    private final long[] sorted;

    Percentiles(long[] samples, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("no samples");
        }
        this.sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
    }

    /** The sample at percentile {@code p}, 0 < p <= 100. */
    long at(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    int count() {
        return sorted.length;
    }
}
