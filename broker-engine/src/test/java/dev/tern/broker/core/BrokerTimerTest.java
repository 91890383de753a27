package dev.tern.broker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.MutableClock;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BrokerTimerTest {

    private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final BrokerTimer timer = new BrokerTimer(clock, scheduler);
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void runsTasksOnceTheClockReachesTheirTimeInTimeOrder() {
        timer.runAt(timer.now() + 2_000, () -> ran.add("second"));
        timer.runAt(timer.now() + 1_000, () -> ran.add("first"));
        timer.runAt(timer.now() + 5_000, () -> ran.add("later"));

        clock.advance(Duration.ofSeconds(2));
        timer.clockMoved();

        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 2);
        assertThat(ran).containsExactly("first", "second");
    }

    @Test
    void aCancelledTaskNeverRunsAndOthersAtTheSameTimeStill() {
        long at = timer.now() + 1_000;
        BrokerTimer.Scheduled cancelled = timer.runAt(at, () -> ran.add("cancelled"));
        timer.runAt(at, () -> ran.add("kept"));

        cancelled.cancel();
        clock.advance(Duration.ofSeconds(1));
        timer.clockMoved();

        await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("kept"));
        assertThat(ran).containsExactly("kept");
    }

    @Test
    void aCancelledTaskIsNotKeptUntilItsTime() {
        WeakReference<Object> payload = scheduleAndCancelATaskHolding(new Object());

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return payload.get() == null;
        });
    }

    /** In a method of its own, so that no local variable of the test keeps the task or its payload. */
    private WeakReference<Object> scheduleAndCancelATaskHolding(Object payload) {
        timer.runAt(timer.now() + 600_000, payload::hashCode).cancel();
        return new WeakReference<>(payload);
    }
}
