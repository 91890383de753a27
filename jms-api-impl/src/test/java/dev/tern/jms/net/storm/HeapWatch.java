package dev.tern.jms.net.storm;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap of the JVM it runs in: what is live after a full collection, on request, and the most the
 * heap held after any collection the JVM made by itself, read from the collectors' notifications so that
 * watching costs the broker nothing between requests.
 */
final class HeapWatch {

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong mostAfterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();

    /** Starts listening to every collector. */
    HeapWatch() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    onCollection(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()));
                }
            }, null, null);
        }
    }

    /** Bytes of heap in use after a full collection made now: the live data, give or take. */
    long usedAfterFullGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The most bytes of heap in use after any collection since the last call, and starts again from 0. */
    long takeMostAfterGc() {
        return mostAfterGc.getAndSet(0);
    }

    /** Collections made since the JVM started. */
    long collections() {
        return collections.get();
    }

    /** The heap's maximum, -Xmx. */
    static long max() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    private void onCollection(GarbageCollectionNotificationInfo info) {
        collections.incrementAndGet();
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        mostAfterGc.accumulateAndGet(used, Math::max);
    }
}
