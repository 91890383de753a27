package dev.tern.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The PostgreSQL store on a real server: group commit, failures, the schema, and the lease that makes one broker live. */
class PostgresMessageStoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String url = PostgresTestServer.newDatabase();
    private final List<MessageStore> opened = new ArrayList<>();

    @AfterEach
    void closeStores() {
        opened.forEach(MessageStore::close);
    }

    @Test
    void unitsQueuedBehindABusyJournalShareOneTransaction() throws Exception {
        PostgresMessageStore store = open("a", settings());
        store.loadIndex();
        store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")))).get(10, TimeUnit.SECONDS);
        long commitsBefore = store.commitCount();
        // A large unit keeps the journal busy while the next units queue up behind it.
        List<CompletableFuture<Void>> units = new ArrayList<>();
        units.add(store.apply(List.of(new StoreOp.AddMessage(1, TestMessages.withBody("q", 8 << 20, new Random(1))),
                new StoreOp.AddReference(1, "q"))));
        for (long id = 2; id <= 200; id++) {
            units.add(store.apply(sendUnit(id)));
        }

        assertThat(units).allSatisfy(unit -> assertThat(unit).succeedsWithin(TIMEOUT));
        assertThat(store.commitCount() - commitsBefore).isLessThan(20);
        assertThat(store.unitCount()).isEqualTo(201);
    }

    @Test
    void aBadUnitFailsAloneWhileTheUnitsQueuedWithItCommit() throws Exception {
        PostgresMessageStore store = open("a", settings());
        store.loadIndex();
        store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")), send(1), new StoreOp.AddReference(1, "q")))
                .get(10, TimeUnit.SECONDS);
        List<CompletableFuture<Void>> good = new ArrayList<>();
        good.add(store.apply(List.of(new StoreOp.AddMessage(2, TestMessages.withBody("q", 8 << 20, new Random(2))),
                new StoreOp.AddReference(2, "q"))));
        for (long id = 3; id < 300; id++) {
            good.add(store.apply(sendUnit(id)));
        }
        // Message 300 is new, but message 1 is stored already: none of this unit may take effect.
        CompletableFuture<Void> bad = store.apply(List.of(send(300), new StoreOp.AddReference(300, "q"), send(1)));
        for (long id = 301; id < 400; id++) {
            good.add(store.apply(sendUnit(id)));
        }

        assertThat(bad).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(StoreException.class).withMessageContaining("was not applied");
        assertThat(good).allSatisfy(unit -> assertThat(unit).succeedsWithin(TIMEOUT));
        store.close();

        StoredIndex index = open("a", settings()).loadIndex();
        assertThat(index.messageIdsOf("q")).hasSize(398).doesNotContain(300L);
        assertThat(index.lastMessageId()).isEqualTo(399);
    }

    @Test
    void theLastMessageIdOutlivesTheMessages() throws Exception {
        PostgresMessageStore store = open("a", settings());
        store.loadIndex();
        store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")), send(41), new StoreOp.AddReference(41, "q")))
                .get(10, TimeUnit.SECONDS);
        store.apply(List.of(new StoreOp.RemoveReference(41, "q"))).get(10, TimeUnit.SECONDS);
        store.close();

        PostgresMessageStore reopened = open("a", settings());
        assertThat(reopened.load().messages()).as("the last reference's removal deleted the message").isEmpty();
        assertThat(reopened.loadIndex().lastMessageId()).isEqualTo(41);
    }

    @Test
    void aSecondBrokerIsRefusedWhileOneIsLiveAndABackupTakesOverWhenItStops() throws Exception {
        PostgresMessageStore live = open("live", settings());
        live.loadIndex();
        live.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")), send(1), new StoreOp.AddReference(1, "q")))
                .get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> open("second", settings())).isInstanceOf(StoreException.class)
                .hasMessageContaining("in use by the live broker live");

        ExecutorService starter = Executors.newSingleThreadExecutor();
        try {
            Future<PostgresMessageStore> backup = starter.submit(() -> open("backup", settings().withBackup(true)));
            assertThat(live.leaseHolder()).startsWith("live");
            assertThat(backup.isDone()).as("a backup waits while the live broker holds the lease").isFalse();
            long stopped = System.nanoTime();
            live.close();

            PostgresMessageStore takenOver = backup.get(10, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("a clean stop hands the lease over at once")
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(takenOver.epoch()).isGreaterThan(live.epoch());
            assertThat(takenOver.loadIndex().messageIdsOf("q")).containsExactly(1L);
        } finally {
            starter.shutdownNow();
        }
    }

    /** As when the live broker's JVM pauses past its lease: a backup takes over, and the paused one must not write. */
    @Test
    void aBrokerWhoseLeaseRanOutIsFencedOffOnceABackupTookOver() throws Exception {
        CountDownLatch lost = new CountDownLatch(1);
        PostgresMessageStore first = open("first", settings());
        first.whenLeaseLost(lost::countDown);
        first.loadIndex();
        first.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")))).get(10, TimeUnit.SECONDS);

        PostgresTestServer.execute(url, "UPDATE tern_lease SET expires_at = '-infinity'");
        PostgresMessageStore second = open("second", settings());
        second.loadIndex();

        assertThat(first.apply(sendUnit(1))).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(StoreException.class).withMessageContaining("lost the store's lease");
        assertThat(lost.await(10, TimeUnit.SECONDS)).as("the lease-lost action ran").isTrue();
        assertThat(first.isHealthy()).isFalse();
        assertThat(second.apply(sendUnit(2))).succeedsWithin(TIMEOUT);
        assertThat(second.loadIndex().messageIdsOf("q")).containsExactly(2L);
    }

    @Test
    void aLiveBrokerThatCannotRenewItsLeaseGivesItUpWithinTheLeaseTime() throws Exception {
        CountDownLatch lost = new CountDownLatch(1);
        PostgresMessageStore store = open("renewing", settings().withLeaseTime(Duration.ofSeconds(1)));
        store.whenLeaseLost(lost::countDown);
        store.loadIndex();
        // Another broker's takeover, as the database sees it; the renewal finds its epoch gone.
        PostgresTestServer.execute(url, "UPDATE tern_lease SET epoch = epoch + 1, owner = 'thief'");

        assertThat(lost.await(3, TimeUnit.SECONDS)).as("the lease-lost action ran within the lease time").isTrue();
        assertThat(store.isHealthy()).isFalse();
    }

    /**
     * A live broker cut off between {@code tern_apply} and its commit leaves a transaction holding the lease row's
     * shared lock until the server ends it: the takeover waits for the lock, and a backup must keep trying
     * rather than give up.
     */
    @Test
    void aBackupWaitsOutTheLockOfACutOffBrokersOpenTransactionAndThenTakesOver() throws Exception {
        PostgresMessageStore first = open("first", settings().withLeaseTime(Duration.ofSeconds(1)));
        first.loadIndex();
        PostgresTestServer.execute(url, "UPDATE tern_lease SET expires_at = '-infinity'");
        ExecutorService starter = Executors.newSingleThreadExecutor();
        try (java.sql.Connection stuck = java.sql.DriverManager.getConnection(url)) {
            stuck.setAutoCommit(false);
            try (java.sql.Statement statement = stuck.createStatement()) {
                statement.execute("SELECT 1 FROM tern_lease FOR SHARE"); // as a group in flight when the network went
            }
            Future<PostgresMessageStore> backup = starter.submit(() -> open("backup",
                    settings().withLeaseTime(Duration.ofSeconds(1)).withBackup(true)));
            // Longer than the takeover's lock timeout (a third of the lease): the backup has met it several times.
            await().pollDelay(Duration.ofMillis(1500)).atMost(TIMEOUT).until(() -> !backup.isDone());
            stuck.rollback(); // the server ends the cut-off broker's transaction

            assertThat(backup.get(10, TimeUnit.SECONDS).epoch()).isGreaterThan(first.epoch());
        } finally {
            starter.shutdownNow();
        }
    }

    @Test
    void aCutConnectionFailsTheUnitsInFlightAndTheStoreRecoversOnANewOne() throws Exception {
        PostgresMessageStore store = open("cut", settings());
        store.loadIndex();
        store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")))).get(10, TimeUnit.SECONDS);

        PostgresTestServer.execute(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE application_name = 'tern-cut' AND pid <> pg_backend_pid()");
        CompletableFuture<Void> first = store.apply(sendUnit(1));
        assertThat(first).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(StoreException.class).withMessageContaining("could not be written");

        await().atMost(TIMEOUT).until(() -> {
            store.apply(sendUnit(System.nanoTime() & 0xFFFFFFL | 1L << 40)).handle((ok, e) -> e == null).join();
            return store.isHealthy();
        });
        assertThat(store.apply(sendUnit(2))).succeedsWithin(TIMEOUT);
    }

    @Test
    void twoBrokersStartedAtOnceMakeExactlyOneLive() throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<PostgresMessageStore>> attempts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "racer-" + i;
                attempts.add(starters.submit(() -> {
                    go.await();
                    return open(name, settings());
                }));
            }
            go.countDown();
            int live = 0;
            for (Future<PostgresMessageStore> attempt : attempts) {
                try {
                    attempt.get(20, TimeUnit.SECONDS);
                    live++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(StoreException.class).hasMessageContaining("in use by");
                }
            }
            assertThat(live).isEqualTo(1);
        } finally {
            starters.shutdownNow();
        }
    }

    @Test
    void aSchemaNewerThanTheBrokerIsRefused() {
        open("a", settings()).close();
        PostgresTestServer.execute(url, "INSERT INTO tern_schema_version (version, script) VALUES (99, 'future')");

        assertThatThrownBy(() -> open("a", settings())).isInstanceOf(StoreException.class)
                .hasMessageContaining("version 99, newer than this broker knows");
    }

    private PostgresSettings settings() {
        return PostgresSettings.of(url, null, null);
    }

    private PostgresMessageStore open(String name, PostgresSettings settings) {
        PostgresMessageStore store = PostgresMessageStore.open(settings, name);
        synchronized (opened) {
            opened.add(store);
        }
        return store;
    }

    private static StoreOp send(long id) {
        return new StoreOp.AddMessage(id, TestMessages.simple("q", "m" + id));
    }

    private static List<StoreOp> sendUnit(long id) {
        return List.of(send(id), new StoreOp.AddReference(id, "q"));
    }
}
