package dev.tern.broker.http;

import dev.tern.broker.core.BrokerTimer;
import dev.tern.broker.core.MessageQueue;
import dev.tern.protocol.QueueStatistics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The last hour of each queue's depth and rates in and out, at a fixed resolution, for the console's
 * charts: {@link #sample} reads every queue's counters every {@value #RESOLUTION_MILLIS} ms of the broker's
 * clock ({@link #start}) and keeps {@value #POINTS} points per queue, about 3 KB, in memory only.
 */
public final class QueueHistory {

    /** Time between two points. */
    public static final long RESOLUTION_MILLIS = 30_000;
    /** Points kept per queue: one hour. */
    public static final int POINTS = 120;

    /** One point: when, how many messages waited, and messages in and out per second since the point before. */
    public record Point(long time, long depth, double inPerSecond, double outPerSecond) {
    }

    private final Supplier<Collection<MessageQueue>> queues;
    private final LongSupplier clock;
    private final Map<String, Series> series = new ConcurrentHashMap<>();

    /** @param clock the broker's clock, in epoch milliseconds */
    public QueueHistory(Supplier<Collection<MessageQueue>> queues, LongSupplier clock) {
        this.queues = queues;
        this.clock = clock;
    }

    /**
     * Takes a point now and then every {@value #RESOLUTION_MILLIS} ms of the broker's clock (so a test that
     * moves the clock moves the samples), until the timer stops.
     */
    public void start(BrokerTimer timer) {
        sample();
        timer.runAt(clock.getAsLong() + RESOLUTION_MILLIS, () -> start(timer));
    }

    /** Takes a point of every queue now, and forgets the queues that are gone. */
    public void sample() {
        long now = clock.getAsLong();
        Set<String> present = new HashSet<>();
        for (MessageQueue queue : queues.get()) {
            present.add(queue.name());
            QueueStatistics statistics = queue.statistics();
            series.computeIfAbsent(queue.name(), name -> new Series()).add(now, statistics);
        }
        series.keySet().retainAll(present);
    }

    /** A queue's points, oldest first; empty if it has none yet. */
    public List<Point> points(String queue) {
        Series points = series.get(queue);
        return points == null ? List.of() : points.snapshot();
    }

    /** A queue's last point, or null before its first. */
    public Point latest(String queue) {
        Series points = series.get(queue);
        return points == null ? null : points.latest();
    }

    /** A ring of points in parallel arrays, with the counters of the last sample. */
    private static final class Series {

        private final long[] times = new long[POINTS];
        private final long[] depths = new long[POINTS];
        private final float[] ins = new float[POINTS];
        private final float[] outs = new float[POINTS];
        private int next;
        private int size;
        private long lastEnqueued = -1;
        private long lastDequeued;

        synchronized void add(long now, QueueStatistics statistics) {
            float in = 0;
            float out = 0;
            if (size > 0 && lastEnqueued >= 0) {
                long previous = times[(next - 1 + POINTS) % POINTS];
                double seconds = Math.max(1, now - previous) / 1000.0;
                in = (float) (Math.max(0, statistics.enqueuedCount() - lastEnqueued) / seconds);
                out = (float) (Math.max(0, statistics.dequeuedCount() - lastDequeued) / seconds);
            }
            times[next] = now;
            depths[next] = statistics.messageCount();
            ins[next] = in;
            outs[next] = out;
            next = (next + 1) % POINTS;
            size = Math.min(size + 1, POINTS);
            lastEnqueued = statistics.enqueuedCount();
            lastDequeued = statistics.dequeuedCount();
        }

        synchronized List<Point> snapshot() {
            List<Point> points = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int at = (next - size + i + POINTS) % POINTS;
                points.add(new Point(times[at], depths[at], ins[at], outs[at]));
            }
            return points;
        }

        synchronized Point latest() {
            if (size == 0) {
                return null;
            }
            int at = (next - 1 + POINTS) % POINTS;
            return new Point(times[at], depths[at], ins[at], outs[at]);
        }
    }
}
