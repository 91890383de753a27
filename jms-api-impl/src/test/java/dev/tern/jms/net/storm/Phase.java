package dev.tern.jms.net.storm;

import static dev.tern.jms.net.storm.BrokerProcess.HeapSample.megabytes;

import dev.tern.jms.net.storm.BrokerProcess.HeapSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** One phase of the storm test: the steady pair's throughput windows, each followed by a look at the broker's heap. */
final class Phase {

    private final String name;
    private final Throughput throughput = new Throughput();
    private final List<HeapSample> heap = new ArrayList<>();

    Phase(String name) {
        this.name = name;
    }

    /** Measures one window of {@code counter}, then samples the heap outside the window. */
    void window(LongSupplier counter, Duration window, BrokerProcess broker) throws InterruptedException {
        throughput.measure(counter, window);
        heap.add(broker.heap());
    }

    /** Samples the heap without measuring a window. */
    void heapSample(BrokerProcess broker) throws InterruptedException {
        heap.add(broker.heap());
    }

    Throughput throughput() {
        return throughput;
    }

    long medianLive() {
        List<Long> sorted = heap.stream().map(HeapSample::live).sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    long mostLive() {
        return heap.stream().mapToLong(HeapSample::live).max().orElse(0);
    }

    long mostAfterGc() {
        return heap.stream().mapToLong(HeapSample::mostAfterGc).max().orElse(0);
    }

    long maxHeap() {
        return heap.get(0).max();
    }

    @Override
    public String toString() {
        return name + ": " + throughput + "; broker heap live " + heap.stream().map(sample -> megabytes(sample.live())).toList()
                + ", most after a collection " + megabytes(mostAfterGc());
    }
}
