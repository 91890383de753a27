package dev.tern.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unit's future completes only after a force of the journal file ({@code FileChannel.force}) that began
 * once the unit was written. Crash tests cannot tell: {@code kill -9} keeps the operating system's page
 * cache, so a journal that never syncs survives them. Here the file's channel counts its writes and
 * forces, and can hold a force while the test looks.
 */
class JournalSyncTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private FaultyFileSystem.Disk disk;
    private H2MessageStore store;

    @BeforeEach
    void openStore() throws Exception {
        disk = FaultyFileSystem.disk(dir.resolve(JournalMaps.FILE_NAME));
        store = new H2MessageStore(dir, "sync", FaultyFileSystem.prefix());
        store.loadIndex();
        store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")))).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void closeStore() {
        disk.releaseForces();
        store.close();
    }

    @Test
    void aSendOrACommitCompletesOnlyAfterAForceThatBeganOnceItWasWritten() throws Exception {
        List<List<StoreOp>> units = List.of(
                send(1),
                send(2),
                List.of(new StoreOp.RemoveReference(1, "q"), new StoreOp.DeleteMessage(1)),
                // a transaction: a send and an acknowledgment in one unit
                List.of(new StoreOp.AddMessage(3, TestMessages.simple("q", "m3")), new StoreOp.AddReference(3, "q"),
                        new StoreOp.RemoveReference(2, "q"), new StoreOp.DeleteMessage(2)));
        for (List<StoreOp> unit : units) {
            long writesBefore = disk.writes();
            long[] forceStartAtCompletion = {-2};
            CompletableFuture<Void> done = store.apply(unit)
                    .whenComplete((ok, failure) -> forceStartAtCompletion[0] = disk.writesBeforeLastForce());

            assertThat(done).succeedsWithin(TIMEOUT);
            assertThat(disk.writes()).as("the unit was written").isGreaterThan(writesBefore);
            assertThat(forceStartAtCompletion[0]).as("when %s completed, the last force began after its write", unit)
                    .isGreaterThan(writesBefore);
        }
    }

    @Test
    void noUnitCompletesWhileTheForceAfterItsCommitIsHeld() {
        long forcesBefore = disk.forces();
        disk.holdForces();
        List<CompletableFuture<Void>> units = new ArrayList<>();
        for (long id = 1; id <= 20; id++) {
            units.add(store.apply(send(id)));
        }
        units.add(store.apply(List.of(new StoreOp.RemoveReference(1, "q"), new StoreOp.DeleteMessage(1))));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(disk.forcesWaiting())
                .as("the journal forces the file after committing the first units").isEqualTo(1));
        assertThat(units).as("the journal thread waits in the force: nothing may complete before it returns")
                .noneMatch(CompletableFuture::isDone);

        disk.releaseForces();
        assertThat(CompletableFuture.allOf(units.toArray(CompletableFuture[]::new))).succeedsWithin(TIMEOUT);
        assertThat(disk.forces()).isGreaterThan(forcesBefore);
    }

    @Test
    void aLazyUnitAloneIsWrittenWithoutAForce() throws Exception {
        store.apply(send(1)).get(10, TimeUnit.SECONDS);
        long forcesBefore = disk.forces();
        disk.holdForces();

        CompletableFuture<Void> lazyAck = store.applyLazily(
                List.of(new StoreOp.RemoveReference(1, "q"), new StoreOp.DeleteMessage(1)));

        assertThat(lazyAck).succeedsWithin(TIMEOUT);
        assertThat(disk.forcesWaiting()).isZero();
        assertThat(disk.forces()).isEqualTo(forcesBefore);
    }

    @Test
    void lazyUnitsAloneAreForcedSoonAfterAllByAForceOfTheirOwn() throws Exception {
        store.apply(send(1)).get(10, TimeUnit.SECONDS);
        long forcesBefore = disk.forces();

        store.applyLazily(List.of(new StoreOp.RemoveReference(1, "q"), new StoreOp.DeleteMessage(1)))
                .get(10, TimeUnit.SECONDS);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(disk.forces())
                .as("a force within about %d ms covers the lazy unit", JournalSyncer.LAZY_FORCE_MILLIS)
                .isGreaterThan(forcesBefore));
    }

    private static List<StoreOp> send(long id) {
        return List.of(new StoreOp.AddMessage(id, TestMessages.simple("q", "m" + id)), new StoreOp.AddReference(id, "q"));
    }
}
