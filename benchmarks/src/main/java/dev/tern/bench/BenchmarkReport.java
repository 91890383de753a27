package dev.tern.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a session: every measurement, the summary rows and the files written.
 *
 * @param measurements every run, in the order taken
 * @param rows medians and ratios
 * @param files the CSVs and charts written
 */
public record BenchmarkReport(List<Measurement> measurements, List<SummaryRow> rows, List<Path> files) {

    /** Runs in which some expected delivery never arrived. */
    public List<Measurement> incomplete() {
        return measurements.stream().filter(m -> !m.result().complete()).toList();
    }
}
