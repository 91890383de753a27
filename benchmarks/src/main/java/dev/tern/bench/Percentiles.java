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
        // the epsilon keeps 99.9% of 1000 at rank 999 despite binary floating point
        int rank = (int) Math.ceil(p / 100.0 * sorted.length - 1e-9);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    int count() {
        return sorted.length;
    }
}
