package dev.tern.bench;

/**
 * Whether a higher or a lower figure is the better one, read from the metric's name: times, latencies,
 * memory and leftover threads ({@code p99 us}, {@code start ms}, {@code total s}, {@code live MB},
 * {@code threads left}) are better lower; rates and ratios ({@code msg/s}, {@code msg/fsync}) higher.
 */
public enum MetricDirection {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER;

    public static MetricDirection of(String metric) {
        boolean lower = metric.endsWith(" us") || metric.endsWith(" ms") || metric.endsWith(" s")
                || metric.endsWith(" MB") || metric.equals("threads left");
        return lower ? LOWER_IS_BETTER : HIGHER_IS_BETTER;
    }

    /**
     * How many times better {@code tern} is than {@code other}: {@code tern / other} when higher is better,
     * {@code other / tern} when lower is, so that above 1 always means Tern is better; NaN if either is
     * missing or the divisor is 0.
     */
    double ternAdvantage(Double tern, Double other) {
        if (tern == null || other == null) {
            return Double.NaN;
        }
        double numerator = this == HIGHER_IS_BETTER ? tern : other;
        double denominator = this == HIGHER_IS_BETTER ? other : tern;
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }

    /** Whether {@code a} is better than {@code b}. */
    boolean better(double a, double b) {
        return this == HIGHER_IS_BETTER ? a > b : a < b;
    }
}
