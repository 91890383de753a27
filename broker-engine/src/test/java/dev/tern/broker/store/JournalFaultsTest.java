package dev.tern.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A journal whose file stops taking writes (a full disk, a file system remounted read-only, a failing
 * device) or forces: the units fail with the cause, what was stored before stays, and the store serves
 * again once the file does. Faults come from {@link FaultyFileSystem}; chmod would not stop root.
 */
class JournalFaultsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private FaultyFileSystem.Disk disk;
    private H2MessageStore store;

    @BeforeEach
    void openStore() throws Exception {
        disk = FaultyFileSystem.disk(dir.resolve(JournalMaps.FILE_NAME));
        store = new H2MessageStore(dir, "faults", FaultyFileSystem.prefix());
        store.loadIndex();
        apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q"))));
        for (long id = 1; id <= 3; id++) {
            apply(send(id));
        }
        apply(acknowledge(1));
    }

    @AfterEach
    void closeStore() {
        disk.heal();
        store.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"No space left on device", "Read-only file system", "Input/output error"})
    void unitsFailNamingTheCauseWhileWritesFailAndSucceedOnceTheyWork(String osMessage) throws Exception {
        disk.failWrites(osMessage);

        assertFailsWith(store.apply(send(4)), osMessage);
        assertFailsWith(store.apply(acknowledge(2)), osMessage);

        disk.heal();
        apply(send(5));
        apply(acknowledge(3));
        store.close();
        try (H2MessageStore reopened = new H2MessageStore(dir, "reopened")) {
            StoredState state = reopened.load();
            assertThat(state.messages()).extracting(StoredState.StoredMessage::messageId)
                    .as("stored before the fault, or after it; not the send that failed").containsExactly(2L, 5L);
            assertThat(state.references()).extracting(StoredState.StoredReference::messageId).containsExactly(2L, 5L);
        }
    }

    /** No half state in memory: a unit that failed with the file may be applied again once the file works. */
    @Test
    void aGroupThatFailedWithTheFileLeavesNothingBehindAndCanBeAppliedAgain() throws Exception {
        disk.failWrites("No space left on device");
        List<CompletableFuture<Void>> failed = new ArrayList<>();
        for (long id = 4; id <= 13; id++) {
            failed.add(store.apply(send(id)));
        }
        for (CompletableFuture<Void> unit : failed) {
            assertFailsWith(unit, "No space left on device");
        }

        disk.heal();
        for (long id = 4; id <= 13; id++) {
            apply(send(id));
        }
        assertThat(store.readPage("q", new long[] {2, 4, 13})).extracting(StoredState.PagedMessage::messageId)
                .containsExactly(2L, 4L, 13L);
        store.close();
        try (H2MessageStore reopened = new H2MessageStore(dir, "reopened")) {
            assertThat(reopened.loadIndex().messageIdsOf("q")).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        }
    }

    @Test
    void unitsFailWhenTheForceFailsAndTheStoreServesAgainOnceItWorks() throws Exception {
        disk.failForces("Input/output error");

        assertThat(store.apply(send(4))).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(StoreException.class)
                .withMessageContaining("could not be forced to disk").withMessageContaining("Input/output error");

        disk.heal();
        apply(send(5));
        store.close();
        try (H2MessageStore reopened = new H2MessageStore(dir, "reopened")) {
            assertThat(reopened.loadIndex().messageIdsOf("q")).as("message 4 is in doubt; the rest is certain")
                    .contains(2L, 3L, 5L);
        }
    }

    private void apply(List<StoreOp> unit) throws Exception {
        store.apply(unit).get(10, TimeUnit.SECONDS);
    }

    private static void assertFailsWith(CompletableFuture<Void> unit, String osMessage) {
        assertThat(unit).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(StoreException.class).withMessageContaining(osMessage);
    }

    private static List<StoreOp> send(long id) {
        return List.of(new StoreOp.AddMessage(id, TestMessages.simple("q", "m" + id)), new StoreOp.AddReference(id, "q"));
    }

    private static List<StoreOp> acknowledge(long id) {
        return List.of(new StoreOp.RemoveReference(id, "q"), new StoreOp.DeleteMessage(id));
    }
}
