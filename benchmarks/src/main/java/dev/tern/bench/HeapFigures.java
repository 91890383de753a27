package dev.tern.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Two views of this JVM's heap: the old generation's peak use, as the pool itself records it (garbage
 * not yet collected included, as {@code DeepQueueHeapTest} measures it), and the heap still in use
 * after a full collection, which is what is really retained at that moment.
 */
final class HeapFigures {

    private HeapFigures() {
    }

    /** The old generation's peak use since the JVM started, in MiB. */
    static long peakOldGenerationMegabytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName();
            if (pool.getType() == MemoryType.HEAP && (name.contains("Old") || name.contains("Tenured"))) {
                peak = Math.max(peak, pool.getPeakUsage().getUsed());
            }
        }
        return peak >> 20;
    }

    /** Runs a full collection ({@link System#gc}, stop-the-world under G1) and returns the heap then in use, in MiB. */
    static long liveMegabytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }
}
