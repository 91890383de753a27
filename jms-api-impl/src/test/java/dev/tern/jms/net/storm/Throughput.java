package dev.tern.jms.net.storm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Rates of a counter over consecutive windows, and their median. */
final class Throughput {

    private final List<Double> rates = new ArrayList<>();

    /** Counts what {@code counter} gains over one window and records it per second. */
    void measure(LongSupplier counter, Duration window) throws InterruptedException {
        long startCount = counter.getAsLong();
        long start = System.nanoTime();
        Thread.sleep(window.toMillis()); // the window itself: the rate is what the counter gained, whatever it is
        long count = counter.getAsLong();
        long elapsed = System.nanoTime() - start;
        rates.add((count - startCount) * 1e9 / elapsed);
    }

    /** Windows measured so far. */
    int windows() {
        return rates.size();
    }

    /** The median rate, in messages per second; NaN before any window. */
    double median() {
        return median(rates);
    }

    /** The median of the windows of both, taken together. */
    static double medianOf(Throughput first, Throughput second) {
        List<Double> both = new ArrayList<>(first.rates);
        both.addAll(second.rates);
        return median(both);
    }

    private static double median(List<Double> rates) {
        if (rates.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = rates.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    @Override
    public String toString() {
        return String.format("median %.0f msg/s of %s", median(), rates.stream().map(rate -> String.format("%.0f", rate)).toList());
    }
}
