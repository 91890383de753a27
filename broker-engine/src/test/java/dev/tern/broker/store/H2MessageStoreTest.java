package dev.tern.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.protocol.MessageCodec;
import dev.tern.protocol.MessageRecord;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lifecycle, failure and start-up behaviour of the H2 store on a real file. */
class H2MessageStoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void badUnitFailsAloneWhileUnitsQueuedWithItCommit() throws Exception {
        List<CompletableFuture<Void>> good = new ArrayList<>();
        CompletableFuture<Void> bad;
        try (H2MessageStore store = open("bad-unit")) {
            store.load();
            store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")), send(1), new StoreOp.AddReference(1, "q")))
                    .get(10, TimeUnit.SECONDS);
            // A large unit keeps the journal busy while the next units queue up behind it.
            good.add(store.apply(List.of(
                    new StoreOp.AddMessage(2, TestMessages.withBody("q", 4 << 20, new Random(2))),
                    new StoreOp.AddReference(2, "q"))));
            for (long id = 3; id < 13; id++) {
                good.add(store.apply(sendUnit(id)));
            }
            // Message 20 is new, but message 1 is stored already: none of this unit may take effect.
            bad = store.apply(List.of(send(20), new StoreOp.AddReference(20, "q"), send(1)));
            for (long id = 13; id < 23; id++) {
                good.add(store.apply(sendUnit(id == 20 ? 99 : id)));
            }

            assertThat(bad).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(StoreException.class)
                    .withMessageContaining("was not applied")
                    .withCauseInstanceOf(JournalWriter.DuplicateEntryException.class);
            for (CompletableFuture<Void> unit : good) {
                assertThat(unit).succeedsWithin(TIMEOUT);
            }
        }
        try (H2MessageStore reopened = open("bad-unit")) {
            List<Long> ids = reopened.load().messages().stream().map(StoredState.StoredMessage::messageId).toList();
            assertThat(ids).contains(1L, 2L, 3L, 12L, 13L, 99L, 22L).doesNotContain(20L).hasSize(22);
        }
    }

    /** MVStore by default commits by itself once about 19 MB are unsaved, which would split this unit. */
    @Test
    void aFailedUnitLargerThanMvStoresAutoCommitBufferLeavesNothingBehind() throws Exception {
        try (H2MessageStore store = open("large-bad-unit")) {
            store.load();
            store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")), send(1), new StoreOp.AddReference(1, "q")))
                    .get(10, TimeUnit.SECONDS);
            List<StoreOp> unit = new ArrayList<>();
            for (long id = 2; id <= 7; id++) {
                unit.add(new StoreOp.AddMessage(id, TestMessages.withBody("q", 5 << 20, new Random(id))));
                unit.add(new StoreOp.AddReference(id, "q"));
            }
            unit.add(send(1));

            assertThat(store.apply(unit)).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(StoreException.class);
        }
        try (H2MessageStore reopened = open("large-bad-unit")) {
            assertThat(reopened.load().messages()).extracting(StoredState.StoredMessage::messageId).containsExactly(1L);
        }
    }

    @Test
    void unitsCompleteInOrderOffTheJournalThread() throws Exception {
        String name = "done-" + System.nanoTime();
        List<String> completedOn = Collections.synchronizedList(new ArrayList<>());
        List<Long> completionOrder = Collections.synchronizedList(new ArrayList<>());
        try (H2MessageStore store = open(name)) {
            store.load();
            store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")))).get(10, TimeUnit.SECONDS);
            List<CompletableFuture<Void>> units = new ArrayList<>();
            for (long id = 1; id <= 200; id++) {
                long unitId = id;
                units.add(store.apply(sendUnit(id)).whenComplete((done, failure) -> {
                    completedOn.add(Thread.currentThread().getName());
                    completionOrder.add(unitId);
                }));
            }
            CompletableFuture.allOf(units.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        }

        // What is chained to a unit runs on the sync thread, or on the caller's if the unit was done first.
        assertThat(completedOn).hasSize(200).noneMatch(thread -> thread.equals("tern-journal-" + name))
                .contains("tern-journal-" + name + "-sync");
        assertThat(completionOrder).isSorted();
    }

    @Test
    void closeFinishesQueuedUnitsStopsTheJournalThreadAndReleasesTheFile() throws Exception {
        String name = "close-" + System.nanoTime();
        List<CompletableFuture<Void>> units = new ArrayList<>();
        H2MessageStore store = open(name);
        store.load();
        units.add(store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")))));
        for (long id = 1; id <= 100; id++) {
            units.add(store.apply(sendUnit(id)));
        }
        store.close();

        assertThat(units).allSatisfy(unit -> assertThat(unit).isCompleted().isNotCompletedExceptionally());
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().startsWith("tern-journal-" + name) && thread.isAlive());
        try (FileChannel file = FileChannel.open(dir.resolve(JournalMaps.FILE_NAME), StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock lock = file.tryLock()) {
            assertThat(lock).as("the store released its lock on the journal file").isNotNull();
        }
        try (H2MessageStore reopened = open(name)) {
            assertThat(reopened.load().messages()).hasSize(100);
        }
    }

    /**
     * Lazy units wait for a force with their versions pinned; closing must force them and release the pins
     * before MVStore closes, which otherwise fails its own assertion on the versions in use (tests run with -ea).
     */
    @Test
    void closeRightAfterLazyUnitsForcesThemAndClosesTheJournalCleanly() throws Exception {
        String name = "close-lazy-" + System.nanoTime();
        List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> uncaught.add(failure));
        try {
            H2MessageStore store = open(name);
            store.load();
            store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")))).get(10, TimeUnit.SECONDS);
            for (long id = 1; id <= 20; id++) {
                store.apply(sendUnit(id)).get(10, TimeUnit.SECONDS);
            }
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (long id = 1; id <= 10; id++) {
                acks.add(store.applyLazily(List.of(new StoreOp.RemoveReference(id, "q"), new StoreOp.DeleteMessage(id))));
            }
            store.close();

            assertThat(acks).allSatisfy(ack -> assertThat(ack).isCompleted().isNotCompletedExceptionally());
            assertThat(uncaught).isEmpty();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        try (H2MessageStore reopened = open(name)) {
            assertThat(reopened.load().messages()).extracting(StoredState.StoredMessage::messageId)
                    .containsExactlyElementsOf(LongStream.rangeClosed(11, 20).boxed().toList());
        }
    }

    /** With auto-commit on, this thread would store commits asynchronously, racing our sync. */
    @Test
    void h2RunsNoBackgroundWriterForTheStore() {
        try (H2MessageStore store = open("no-background-writer")) {
            store.load();
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).noneMatch(
                    name -> name.startsWith("MVStore background writer") && name.contains(dir.toString()));
        }
    }

    @Test
    void closeTwiceIsHarmless() {
        H2MessageStore store = open("twice");
        store.close();
        store.close();
    }

    @Test
    void applyAfterCloseFailsWithIllegalState() {
        H2MessageStore store = open("closed");
        store.close();

        assertThat(store.apply(List.of(new StoreOp.RemoveQueue("q")))).failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(store::load).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDatabaseThatCannotBeOpenedFailsLoadingAndEveryUnitAndFreesTheDirectory() throws Exception {
        // The journal file's name taken by a directory: it cannot be opened.
        Files.createDirectories(dir.resolve(JournalMaps.FILE_NAME));
        H2MessageStore store = open("unopenable");
        CompletableFuture<Void> unit = store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q"))));

        assertThatThrownBy(store::loadIndex).isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot open message store in " + dir.toAbsolutePath().normalize());
        assertThat(unit).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(StoreException.class);
        store.close();
        Files.delete(dir.resolve(JournalMaps.FILE_NAME));
        try (H2MessageStore reopened = open("reopened")) {
            assertThat(reopened.loadIndex().queues()).isEmpty();
        }
    }

    @Test
    void aJournalOfAnotherFormatIsRefusedAndLeftAsItIs() throws Exception {
        MVStore written = MVStore.open(dir.resolve(JournalMaps.FILE_NAME).toString());
        written.<String, String>openMap("format").put("version", "2");
        written.close();
        H2MessageStore store = open("other-format");

        assertThatThrownBy(store::load).isInstanceOf(StoreException.class)
                .hasMessageContaining("has format 2; this broker reads format " + JournalMaps.FORMAT_VERSION);
        store.close();
        MVStore reread = MVStore.open(dir.resolve(JournalMaps.FILE_NAME).toString());
        assertThat(reread.<String, String>openMap("format").get("version")).isEqualTo("2");
        reread.close();
    }

    @Test
    void secondStoreOnTheSameDirectoryIsRefusedUntilTheFirstCloses() {
        H2MessageStore first = open("first");
        try {
            assertThatThrownBy(() -> open("second")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open");
        } finally {
            first.close();
        }
        open("second").close();
    }

    @Test
    void storesMessagesOfSeveralMegabytes() throws Exception {
        MessageRecord big = TestMessages.withBody("q", 5 << 20, new Random(5));
        try (H2MessageStore store = open("big")) {
            store.load();
            store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")),
                    new StoreOp.AddMessage(1, big), new StoreOp.AddReference(1, "q"))).get(10, TimeUnit.SECONDS);
        }
        try (H2MessageStore reopened = open("big")) {
            assertThat(reopened.load().messages()).containsExactly(new StoredState.StoredMessage(1, big));
        }
    }

    @Test
    void removingAQueueKeepsMessagesOtherQueuesStillHold() throws Exception {
        try (H2MessageStore store = open("remove-queue")) {
            store.load();
            store.apply(List.of(
                    new StoreOp.AddQueue(QueueRecord.plainQueue("a")), new StoreOp.AddQueue(QueueRecord.plainQueue("b")),
                    send(1), new StoreOp.AddReference(1, "a"), new StoreOp.AddReference(1, "b"),
                    send(2), new StoreOp.AddReference(2, "a"),
                    send(3), new StoreOp.AddReference(3, "b"))).get(10, TimeUnit.SECONDS);
            store.apply(List.of(new StoreOp.RemoveQueue("a"))).get(10, TimeUnit.SECONDS);
        }
        try (H2MessageStore reopened = open("remove-queue")) {
            StoredState state = reopened.load();
            assertThat(state.queues()).containsExactly(QueueRecord.plainQueue("b"));
            assertThat(state.messages()).extracting(StoredState.StoredMessage::messageId).containsExactly(1L, 3L);
            assertThat(state.references()).containsExactly(
                    new StoredState.StoredReference(1, "b", 0), new StoredState.StoredReference(3, "b", 0));
        }
    }

    @Test
    void loadIndexDropsReferencesToQueuesThatAreGoneAndMessagesLeftWithoutOne() throws Exception {
        try (H2MessageStore store = open("index-dangling")) {
            store.load();
            // A reference journaled for a queue that a concurrent unit removed: the broker discards it.
            store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")),
                    send(1), new StoreOp.AddReference(1, "q"), new StoreOp.AddReference(1, "gone"),
                    send(2), new StoreOp.AddReference(2, "gone"))).get(10, TimeUnit.SECONDS);
        }
        try (H2MessageStore reopened = open("index-dangling")) {
            StoredIndex index = reopened.loadIndex();
            assertThat(index.messageIds()).containsOnlyKeys("q");
            assertThat(index.messageIdsOf("q")).containsExactly(1L);
        }
        try (H2MessageStore reopened = open("index-dangling")) {
            assertThat(reopened.load().messages()).extracting(StoredState.StoredMessage::messageId).containsExactly(1L);
        }
    }

    /** As earlier versions left them: a message whose last reference was removed without deleting it. */
    @Test
    void startUpRemovesStoredMessagesThatNoQueueReferences() throws Exception {
        try (H2MessageStore store = open("orphans")) {
            store.loadIndex();
            store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")), send(1), new StoreOp.AddReference(1, "q"),
                    send(2), new StoreOp.AddReference(2, "q"))).get(10, TimeUnit.SECONDS);
        }
        JournalMaps written = JournalMaps.open(dir.resolve(JournalMaps.FILE_NAME));
        try {
            for (long id : new long[] {3, 4, 5}) {
                written.messages().put(id, MessageCodec.encode(TestMessages.simple("q", "orphan " + id)));
            }
            written.refs().remove(2L);
            written.store().commit();
        } finally {
            written.store().close();
        }

        try (H2MessageStore reopened = open("orphans")) {
            StoredIndex index = reopened.loadIndex();
            assertThat(index.messageIdsOf("q")).containsExactly(1L);
            assertThat(index.lastMessageId()).as("counting the orphans").isEqualTo(5);
        }

        JournalMaps reread = JournalMaps.open(dir.resolve(JournalMaps.FILE_NAME));
        try {
            assertThat(reread.messages().keySet()).as("only the referenced message is left").containsExactly(1L);
            assertThat(reread.lastMessageId()).as("the orphans' IDs are not given again").isEqualTo(5);
        } finally {
            reread.store().close();
        }
    }

    /** The {@code counters} map came later; a journal without it numbers messages above its highest key. */
    @Test
    void aJournalWrittenBeforeMessageIdsWereNotedOpensAndNotesThemFromThen() throws Exception {
        MVStore written = MVStore.open(dir.resolve(JournalMaps.FILE_NAME).toString());
        written.<String, String>openMap("format").put("version", "1");
        written.openMap("queues", bytesBy(StringDataType.INSTANCE))
                .put("q", JournalRecords.encodeQueue(QueueRecord.plainQueue("q")));
        written.openMap("messages", bytesBy(LongDataType.INSTANCE))
                .put(7L, MessageCodec.encode(TestMessages.simple("q", "m7")));
        written.openMap("refs", bytesBy(LongDataType.INSTANCE)).put(7L, RefList.EMPTY.with("q", 2).encode());
        written.openMap("duplicate_ids", bytesBy(StringDataType.INSTANCE));
        written.close();

        try (H2MessageStore store = open("before-counters")) {
            StoredIndex index = store.loadIndex();
            assertThat(index.messageIdsOf("q")).containsExactly(7L);
            assertThat(index.lastMessageId()).isEqualTo(7);
            store.apply(List.of(send(8), new StoreOp.AddReference(8, "q"))).get(10, TimeUnit.SECONDS);
            store.apply(List.of(new StoreOp.RemoveReference(7, "q"), new StoreOp.DeleteMessage(7),
                    new StoreOp.RemoveReference(8, "q"), new StoreOp.DeleteMessage(8))).get(10, TimeUnit.SECONDS);
        }
        try (H2MessageStore reopened = open("before-counters")) {
            StoredIndex index = reopened.loadIndex();
            assertThat(index.messageIds()).isEmpty();
            assertThat(index.lastMessageId()).isEqualTo(8);
        }
    }

    @Test
    void loadLeavesOutTruncatedAndCorruptMessagesAndKeepsTheRest() throws Exception {
        try (H2MessageStore store = open("corrupt")) {
            store.load();
            store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue("q")), send(1),
                    new StoreOp.AddReference(1, "q"), send(4), new StoreOp.AddReference(4, "q")))
                    .get(10, TimeUnit.SECONDS);
        }
        byte[] encoded = MessageCodec.encode(TestMessages.simple("q", "truncated"));
        byte[] garbage = {(byte) 1, (byte) 0, (byte) 4, (byte) 99};
        JournalMaps maps = JournalMaps.open(dir.resolve(JournalMaps.FILE_NAME));
        try {
            insertRaw(maps, 2, Arrays.copyOf(encoded, encoded.length / 2));
            insertRaw(maps, 3, garbage);
            maps.store().commit();
        } finally {
            maps.store().close();
        }
        try (H2MessageStore reopened = open("corrupt")) {
            StoredState state = reopened.load();
            assertThat(state.messages()).extracting(StoredState.StoredMessage::messageId).containsExactly(1L, 4L);
            assertThat(state.references()).extracting(StoredState.StoredReference::messageId).containsExactly(1L, 4L);
        }
    }

    /** A map of the journal's layout, as {@link JournalMaps} opens it. */
    private static <K> MVMap.Builder<K, byte[]> bytesBy(BasicDataType<K> keyType) {
        return new MVMap.Builder<K, byte[]>().keyType(keyType).valueType(ByteArrayDataType.INSTANCE);
    }

    private static void insertRaw(JournalMaps maps, long id, byte[] bytes) {
        maps.messages().put(id, bytes);
        maps.refs().put(id, RefList.EMPTY.with("q", 0).encode());
    }

    private H2MessageStore open(String name) {
        return new H2MessageStore(dir, name);
    }

    private static StoreOp send(long id) {
        return new StoreOp.AddMessage(id, TestMessages.simple("q", "m" + id));
    }

    private static List<StoreOp> sendUnit(long id) {
        return List.of(send(id), new StoreOp.AddReference(id, "q"));
    }
}
