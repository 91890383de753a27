package dev.tern.broker.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OrderedExecutorTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void tasksFromManyThreadsRunOneAtATimeInTheOrderEachThreadGaveThem() throws Exception {
        OrderedExecutor lane = new OrderedExecutor(pool, "test");
        int producers = 4;
        int perProducer = 5_000;
        List<List<Integer>> seen = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            seen.add(Collections.synchronizedList(new ArrayList<>()));
        }
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(producers * perProducer);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    int value = i;
                    lane.execute(() -> {
                        if (running.incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        seen.get(producer).add(value);
                        running.decrementAndGet();
                        done.countDown();
                    });
                }
            }));
        }
        threads.forEach(Thread::start);

        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(overlaps).hasValue(0);
        for (List<Integer> values : seen) {
            assertThat(values).hasSize(perProducer).isSorted();
        }
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheLane() throws Exception {
        OrderedExecutor lane = new OrderedExecutor(pool, "test");
        CountDownLatch next = new CountDownLatch(1);

        lane.execute(() -> {
            throw new IllegalStateException("expected by the test");
        });
        lane.execute(next::countDown);

        assertThat(next.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aBusyLaneLetsAnotherLaneRunOnASingleThread() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch gate = new CountDownLatch(1);
            single.execute(() -> {
                try {
                    gate.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            OrderedExecutor busy = new OrderedExecutor(single, "busy");
            OrderedExecutor other = new OrderedExecutor(single, "other");
            CountDownLatch otherRan = new CountDownLatch(1);
            AtomicInteger busyTasksBeforeOther = new AtomicInteger(-1);
            AtomicInteger busyTasks = new AtomicInteger();
            for (int i = 0; i < OrderedExecutor.BATCH * 4; i++) {
                busy.execute(busyTasks::incrementAndGet);
            }
            other.execute(() -> {
                busyTasksBeforeOther.set(busyTasks.get());
                otherRan.countDown();
            });

            gate.countDown();

            assertThat(otherRan.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(busyTasksBeforeOther).hasValue(OrderedExecutor.BATCH);
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void aLaneOfAStoppedPoolDropsItsTasksOrRunsThemInlineIfAskedTo() {
        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdown();
        AtomicInteger ran = new AtomicInteger();

        new OrderedExecutor(stopped, "dropping").execute(ran::incrementAndGet);
        assertThat(ran).hasValue(0);
        OrderedExecutor.runningInlineWhenStopped(stopped, "inline").execute(ran::incrementAndGet);
        assertThat(ran).hasValue(1);
    }

    @Test
    void isCurrentIsTrueOnlyInsideTheLanesTask() throws Exception {
        OrderedExecutor lane = new OrderedExecutor(pool, "test");
        CountDownLatch checked = new CountDownLatch(1);
        boolean[] inside = new boolean[1];
        lane.execute(() -> {
            inside[0] = lane.isCurrent();
            checked.countDown();
        });

        assertThat(checked.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(inside[0]).isTrue();
        assertThat(lane.isCurrent()).isFalse();
    }
}
