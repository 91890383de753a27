package dev.tern.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sync stage alone, with a force the test holds and releases, so which group waits for which is certain. */
class SyncPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Each force waits for a permit; {@code forcing} counts down when a force has begun. */
    private final Semaphore permits = new Semaphore(0);
    private final AtomicInteger forcesBegun = new AtomicInteger();
    private volatile CountDownLatch forcing = new CountDownLatch(1);
    private volatile boolean failForces;
    private final SyncPipeline pipeline = new SyncPipeline("test-sync", () -> {
        forcesBegun.incrementAndGet();
        forcing.countDown();
        permits.acquireUninterruptibly();
        if (failForces) {
            throw new IOException("disk gone");
        }
    });

    @AfterEach
    void closePipeline() {
        permits.release(100);
        pipeline.close();
    }

    @Test
    void groupsWrittenWhileAForceRunsShareTheNextForce() throws Exception {
        PendingUnit first = unit(false);
        pipeline.offer(written(first));
        awaitForceBegun();
        forcing = new CountDownLatch(1);
        PendingUnit second = unit(false);
        PendingUnit third = unit(false);
        pipeline.offer(written(second));
        pipeline.offer(written(third));

        assertThat(first.done()).as("not durable before its force ends").isNotDone();
        permits.release();
        assertThat(first.done()).succeedsWithin(WAIT);
        awaitForceBegun();
        assertThat(second.done()).isNotDone();
        permits.release();

        assertThat(CompletableFuture.allOf(second.done(), third.done())).succeedsWithin(WAIT);
        assertThat(pipeline.syncCount()).as("two groups written during the first force share the second").isEqualTo(2);
        assertThat(forcesBegun).hasValue(2);
        assertThat(pipeline.unitCount()).isEqualTo(3);
    }

    @Test
    void unitsCompleteInTheOrderTheirGroupsWereWritten() throws Exception {
        List<Integer> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        PendingUnit durable = unit(false);
        PendingUnit lazy = unit(true);
        durable.done().thenRun(() -> order.add(1));
        lazy.done().thenRun(() -> order.add(2));
        pipeline.offer(written(durable));
        awaitForceBegun();
        pipeline.offer(new WrittenGroup(List.of(lazy), new Throwable[1], false));

        assertThat(lazy.done()).as("a lazy group waits for the groups ahead of it").isNotDone();
        permits.release();

        assertThat(lazy.done()).succeedsWithin(WAIT);
        assertThat(order).containsExactly(1, 2);
        assertThat(pipeline.syncCount()).isEqualTo(1);
    }

    @Test
    void aGroupOfLazyUnitsAloneCompletesWithoutAForce() {
        PendingUnit lazy = unit(true);
        pipeline.offer(new WrittenGroup(List.of(lazy), new Throwable[1], false));

        assertThat(lazy.done()).succeedsWithin(WAIT);
        assertThat(forcesBegun).hasValue(0);
        assertThat(pipeline.syncCount()).isZero();
    }

    @Test
    void aFailedForceFailsTheUnitsItShouldHaveMadeDurable() throws Exception {
        failForces = true;
        PendingUnit unit = unit(false);
        PendingUnit alreadyFailed = unit(false);
        IllegalStateException ownFailure = new IllegalStateException("duplicate key");
        pipeline.offer(new WrittenGroup(List.of(unit, alreadyFailed), new Throwable[] {null, ownFailure}, true));
        permits.release();

        assertThat(unit.done()).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(StoreException.class).withMessageContaining("could not be forced to disk");
        assertThat(alreadyFailed.done()).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isSameAs(ownFailure);
        assertThat(pipeline.syncCount()).isZero();
        assertThat(pipeline.unitCount()).isZero();
    }

    @Test
    void closeFinishesWhatWasHandedOverAndLaterGroupsFail() {
        PendingUnit before = unit(false);
        pipeline.offer(written(before));
        permits.release(10);
        pipeline.close();
        assertThat(before.done()).isCompleted().isNotCompletedExceptionally();

        PendingUnit after = unit(false);
        pipeline.offer(written(after));
        assertThat(after.done()).isCompletedExceptionally();
    }

    private void awaitForceBegun() throws InterruptedException {
        assertThat(forcing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("a force began").isTrue();
    }

    private static WrittenGroup written(PendingUnit unit) {
        return new WrittenGroup(List.of(unit), new Throwable[1], !unit.lazy());
    }

    private static PendingUnit unit(boolean lazy) {
        return PendingUnit.of(List.of(new StoreOp.RemoveReference(1, "q")), lazy);
    }
}
