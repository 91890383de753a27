package dev.tern.broker.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks when the broker's clock reaches a time: delayed deliveries becoming due, and the periodic
 * expiry sweep. Time is read from the injectable {@link Clock}; one real-time wake-up is kept for the
 * earliest task, and {@link #clockMoved()} runs whatever a jump of a test clock made due. A task that is
 * no longer needed is {@linkplain Scheduled#cancel() cancelled}, so that what it refers to is not kept
 * until its time.
 */
public final class BrokerTimer {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerTimer.class);

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final TreeMap<Long, Set<Scheduled>> tasks = new TreeMap<>();
    private ScheduledFuture<?> wakeUp;
    private long wakeUpAt = Long.MAX_VALUE;

    public BrokerTimer(Clock clock, ScheduledExecutorService scheduler) {
        this.clock = clock;
        this.scheduler = scheduler;
    }

    public long now() {
        return clock.millis();
    }

    /** Runs the task once the clock reads at least {@code epochMillis}, unless it is cancelled before. */
    public Scheduled runAt(long epochMillis, Runnable task) {
        Scheduled scheduled = new Scheduled(epochMillis, task);
        synchronized (this) {
            tasks.computeIfAbsent(epochMillis, t -> new LinkedHashSet<>()).add(scheduled);
            if (epochMillis < wakeUpAt) {
                scheduleWakeUp(epochMillis);
            }
        }
        return scheduled;
    }

    /** Runs the task every {@code periodMillis} of real time until the scheduler stops. */
    public void every(long periodMillis, Runnable task) {
        scheduler.scheduleWithFixedDelay(() -> runSafely(task), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs every task that has come due; call when a test clock jumps. */
    public void clockMoved() {
        scheduler.execute(this::runDue);
    }

    private void runDue() {
        List<Scheduled> due = new ArrayList<>();
        synchronized (this) {
            long now = clock.millis();
            while (!tasks.isEmpty() && tasks.firstKey() <= now) {
                Map.Entry<Long, Set<Scheduled>> first = tasks.pollFirstEntry();
                due.addAll(first.getValue());
            }
            wakeUpAt = Long.MAX_VALUE;
            if (!tasks.isEmpty()) {
                scheduleWakeUp(tasks.firstKey());
            }
        }
        due.forEach(scheduled -> runSafely(scheduled.task));
    }

    private synchronized void remove(Scheduled scheduled) {
        Set<Scheduled> at = tasks.get(scheduled.epochMillis);
        if (at != null && at.remove(scheduled) && at.isEmpty()) {
            tasks.remove(scheduled.epochMillis);
        }
    }

    private void scheduleWakeUp(long epochMillis) {
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        wakeUpAt = epochMillis;
        if (!scheduler.isShutdown()) {
            long delay = Math.max(0, epochMillis - clock.millis());
            wakeUp = scheduler.schedule(this::runDue, delay, TimeUnit.MILLISECONDS);
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("Broker timer task failed", e);
        }
    }

    /** A task waiting for its time. */
    public final class Scheduled {
        private final long epochMillis;
        private final Runnable task;

        private Scheduled(long epochMillis, Runnable task) {
            this.epochMillis = epochMillis;
            this.task = task;
        }

        /** Forgets the task if it has not run yet; it will not run. */
        public void cancel() {
            remove(this);
        }
    }
}
