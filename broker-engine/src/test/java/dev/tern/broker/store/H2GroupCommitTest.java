package dev.tern.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Many producers, few commits: units applied concurrently share commits and syncs. */
class H2GroupCommitTest {

    private static final Logger LOG = LoggerFactory.getLogger(H2GroupCommitTest.class);
    private static final int PRODUCERS = 16;
    private static final int UNITS_PER_PRODUCER = 200;

    /**
     * Each producer waits for its unit before sending the next, as a JMS producer waits for the
     * broker's answer to a persistent send, so at most 16 units are ever waiting. Units that arrive
     * while the journal commits and fsyncs one group form the next group. The bound of 2 units per
     * commit is loose on purpose: it fails only if the journal commits each unit alone most of the
     * time, which is what group commit exists to prevent; on 2 cores the measured ratio is far higher.
     */
    @Test
    void unitsFromConcurrentProducersShareCommits(@TempDir Path dir) throws Exception {
        try (H2MessageStore store = new H2MessageStore(dir, "group-commit")) {
            store.load();
            store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("orders")))).get(10, TimeUnit.SECONDS);
            long commitsBefore = store.commitCount();
            long unitsBefore = store.unitCount();

            long started = System.nanoTime();
            runProducers(store);
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            long commits = store.commitCount() - commitsBefore;
            long units = store.unitCount() - unitsBefore;
            LOG.info("{} units in {} commits ({} units per commit) in {} ms", units, commits,
                    String.format("%.1f", (double) units / commits), elapsedMillis);
            assertThat(units).isEqualTo(PRODUCERS * UNITS_PER_PRODUCER);
            assertThat(units / commits).isGreaterThanOrEqualTo(2);
        }
        try (H2MessageStore reopened = new H2MessageStore(dir, "group-commit")) {
            StoredState state = reopened.load();
            assertThat(state.messages()).hasSize(PRODUCERS * UNITS_PER_PRODUCER);
            assertThat(state.references()).hasSize(PRODUCERS * UNITS_PER_PRODUCER);
            assertThat(state.messages().get(0).message()).isEqualTo(TestMessages.simple("orders", "m1"));
        }
    }

    private static void runProducers(MessageStore store) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                producers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < UNITS_PER_PRODUCER; i++) {
                        long id = 1 + (long) producer * UNITS_PER_PRODUCER + i;
                        CompletableFuture<Void> done = store.apply(List.of(
                                new StoreOp.AddMessage(id, TestMessages.simple("orders", "m" + id)),
                                new StoreOp.AddReference(id, "orders")));
                        done.get(10, TimeUnit.SECONDS);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> producer : producers) {
                producer.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
