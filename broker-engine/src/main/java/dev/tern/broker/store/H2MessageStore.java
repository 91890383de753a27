package dev.tern.broker.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipOutputStream;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link MessageStore}: a journal in one file, {@code <directory>/tern-journal.mv}, kept
 * in H2's MVStore (see {@code JournalMaps} for its maps) and written by one journal thread with group
 * commit.
 *
 * <p><b>Group commit, pipelined.</b> {@link #apply} encodes the unit's messages on the caller's thread,
 * queues the unit and returns. The thread {@code tern-journal-<name>} takes the first waiting unit and
 * every unit queued behind it (at most {@value #MAX_GROUP_UNITS} units or about 16 MiB), applies them all
 * to the maps, commits them as one chunk and hands the group to the thread {@code tern-journal-<name>-sync}
 * ({@code JournalSyncer}), then takes the next group at once. The sync thread forces the file to disk once
 * for every group written before the force began, and only then completes their futures, in the order the
 * units were applied; so group N+1 is written while group N is forced. A unit that cannot be applied (a
 * message stored twice, say) rolls back its group; the units are then retried one commit each, so only the
 * bad unit's future fails, with a {@link StoreException}. What is chained to the futures {@link #apply}
 * returns runs on the sync thread: it never holds up the journal thread, but it must not block, as it holds
 * up the next force and the completions behind it.
 *
 * <p><b>Durability.</b> MVStore writes a chunk on commit but never forces the file by itself; the
 * sync thread calls {@code MVStore.sync()}, which ends in {@code FileChannel.force(true)}, for the commits
 * that hold a unit somebody waits for ({@code JournalSyncTest} watches the forces that reach the file's
 * channel). The file holds about a second's worth of writes beyond the live data (the retention time for
 * dead chunks, see {@code JournalMaps}), and {@code H2Compactor} rewrites sparse chunks.
 *
 * <p><b>When the file fails.</b> A write that fails (a full disk, a file system remounted read-only, an
 * I/O error) or a sync that fails fails every unit of its group with a {@link StoreException} that names
 * the operating system's reason; the units are not retried. MVStore closes itself when a write fails, and
 * the journal closes it when a sync does, dropping what the failed group left in memory. Before the next
 * group the journal thread opens the file again, at its last complete chunk, so units succeed again as
 * soon as the disk takes writes; until then each group fails the same way. A unit whose sync failed was
 * written and may or may not survive a crash. Reads of paged messages fail meanwhile, and are retried.
 *
 * <p><b>Earlier stores.</b> A directory holding the SQL database of earlier versions ({@code tern.mv.db})
 * is converted once, when it is opened: see {@code SqlJournalMigration}.
 *
 * <p>One store per directory per JVM: the constructor refuses a second. {@link #close()} closes the
 * journal and releases its file lock before it returns.
 */
public final class H2MessageStore implements MessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(H2MessageStore.class);

    /** At most this many units share one commit. */
    static final int MAX_GROUP_UNITS = 1000;
    /** About this many bytes of encoded messages share one commit, unless one unit is larger. */
    static final long MAX_GROUP_BYTES = 16L << 20;

    private static final Set<Path> OPEN_DIRECTORIES = ConcurrentHashMap.newKeySet();

    private final Path directory;
    /** The H2 file system the journal is opened through: "" for the disk, a test's otherwise. */
    private final String fileSystem;
    private final UnitQueue queue = new UnitQueue();
    private final Thread journalThread;
    /** Forces what the journal thread wrote and completes the futures handed out, in unit order. */
    private final JournalSyncer syncer;
    private final JournalFailures failures;
    /** Completed by the journal thread once the journal is open, or failed if it cannot be opened. */
    private final CompletableFuture<OpenJournal> opening = new CompletableFuture<>();
    /** The journal as last opened; the journal thread replaces it when it reopens the file after a failure. */
    private volatile OpenJournal current;
    /** Serializes the writes of load() (dangling entries) with the journal thread's. */
    private final Object writeLock = new Object();
    private boolean journalClosed;

    /** What the journal thread opened. */
    private record OpenJournal(JournalMaps maps, GroupCommitter committer, JournalReader reader) {
    }

    /**
     * Opens or creates the store in {@code directory}, creating the directory if needed. The journal
     * itself is opened on the journal thread, so that the caller can go on building what needs the store
     * meanwhile (opening the journal in a fresh JVM takes some tens of milliseconds, mostly class loading).
     * Units applied before it is open wait for it; {@link #load}, {@link #loadIndex} and
     * {@link #readPage} wait for it, and throw the {@link StoreException} if it could not be opened.
     *
     * @param name names the journal thread, {@code tern-journal-<name>}
     * @throws StoreException if the directory cannot be created
     * @throws IllegalStateException if a store in this JVM already has the directory open
     */
    public H2MessageStore(Path directory, String name) {
        this(directory, name, "");
    }

    /**
     * A store whose journal file is opened through an H2 file system registered by a test, which can count
     * what reaches the file's channel or make it fail; see {@link JournalMaps#open(Path, String)}.
     */
    H2MessageStore(Path directory, String name, String fileSystem) {
        Objects.requireNonNull(name, "name");
        this.fileSystem = Objects.requireNonNull(fileSystem, "fileSystem");
        this.directory = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new StoreException("cannot create store directory " + this.directory, e);
        }
        if (!OPEN_DIRECTORIES.add(this.directory)) {
            throw new IllegalStateException("a message store is already open in " + this.directory);
        }
        this.journalThread = new Thread(this::runJournal, "tern-journal-" + name);
        this.failures = new JournalFailures(this.directory.resolve(JournalMaps.FILE_NAME).toString());
        this.syncer = new JournalSyncer("tern-journal-" + name + "-sync", failures, writeLock);
        syncer.start();
        journalThread.start();
    }

    private OpenJournal openJournal() {
        try {
            Path file = directory.resolve(JournalMaps.FILE_NAME);
            SqlJournalMigration.migrateIfPresent(directory, file);
            JournalMaps maps = JournalMaps.open(file, fileSystem);
            LOG.info("Opened message store in {}", directory);
            return new OpenJournal(maps, new GroupCommitter(maps, failures), new JournalReader(maps));
        } catch (RuntimeException e) {
            throw new StoreException("cannot open message store in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * The journal to commit the next group in. MVStore closes itself when a write to its file fails, and the
     * journal closes it when a sync fails; it is then opened again here, at its last complete chunk, so the
     * store serves again as soon as the disk does.
     *
     * @throws StoreException if it cannot be opened again (yet)
     */
    private OpenJournal usableJournal() {
        OpenJournal journal = current;
        if (!journal.maps().store().isClosed()) {
            return journal;
        }
        try {
            JournalMaps maps = JournalMaps.open(directory.resolve(JournalMaps.FILE_NAME), fileSystem);
            OpenJournal reopened = new OpenJournal(maps, new GroupCommitter(maps, failures), new JournalReader(maps));
            current = reopened;
            LOG.debug("Reopened the message store in {} after its file failed", directory);
            return reopened;
        } catch (RuntimeException e) {
            throw new StoreException("the journal in " + directory + " failed and cannot be opened again: "
                    + JournalFailures.describe(e), e);
        }
    }

    /** The open journal, once the journal thread has opened it. */
    private OpenJournal journal() {
        try {
            opening.join();
            return current;
        } catch (CompletionException e) {
            throw openFailure();
        }
    }

    /** Why the journal could not be opened; call once {@link #opening} has failed. */
    private StoreException openFailure() {
        Throwable cause = opening.handle((journal, failure) -> failure).join();
        return cause instanceof StoreException failure
                ? new StoreException(failure.getMessage(), failure)
                : new StoreException("cannot open message store in " + directory + ": " + cause, cause);
    }

    @Override
    public StoredState load() {
        JournalReader reader = journal().reader();
        synchronized (writeLock) {
            checkOpen();
            return reader.load();
        }
    }

    @Override
    public StoredIndex loadIndex() {
        JournalReader reader = journal().reader();
        synchronized (writeLock) {
            checkOpen();
            return reader.loadIndex();
        }
    }

    private void checkOpen() {
        if (journalClosed) {
            throw new IllegalStateException("message store in " + directory + " is closed");
        }
    }

    @Override
    public List<StoredState.StoredMessage> readMessages(long[] messageIds) {
        try {
            return journal().reader().readMessages(messageIds);
        } catch (MVStoreException e) {
            throw new StoreException("cannot read messages in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<StoredState.PagedMessage> readPage(String queueName, long[] messageIds) {
        try {
            return journal().reader().readPage(queueName, messageIds);
        } catch (MVStoreException e) {
            throw new StoreException("cannot read messages of queue " + queueName + " in " + directory
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean pagesToDisk() {
        return true;
    }

    @Override
    public CompletableFuture<Void> apply(List<StoreOp> unit) {
        return queue.submit(unit, false, this::closedFailure);
    }

    @Override
    public CompletableFuture<Void> applyLazily(List<StoreOp> unit) {
        return queue.submit(unit, true, this::closedFailure);
    }

    /** Why a unit offered to the closed queue fails: the journal could not be opened, or the store was closed. */
    private RuntimeException closedFailure() {
        return opening.isCompletedExceptionally()
                ? openFailure()
                : new IllegalStateException("message store in " + directory + " is closed");
    }

    /** Number of forces of the file so far, each covering one or more commits. */
    @Override
    public long commitCount() {
        return syncer.forceCount();
    }

    /** Number of units applied so far. */
    @Override
    public long unitCount() {
        return syncer.unitCount();
    }

    /** False while the journal's file fails: from a failed write or force until a force succeeds again. */
    @Override
    public boolean isHealthy() {
        return !failures.isFailing();
    }

    /**
     * Writes a consistent copy of the journal's file into a zip archive, while the broker goes on writing:
     * MVStore stops reusing the space of freed chunks meanwhile, so that nothing the copy has yet to read
     * is overwritten, and a chunk written during the copy that it catches only in part is ignored when the
     * copy is opened. The copy holds every unit made durable before it began. Runs on the caller's thread
     * and takes as long as reading the file does; the journal thread is not held up.
     *
     * @param target a zip file to create; it must not exist
     * @throws StoreException if the file cannot be written or the journal is not open
     */
    public void backup(Path target) {
        JournalMaps maps = journal().maps();
        boolean created = false;
        try (OutputStream file = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            created = true;
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(file))) {
                maps.store().getFileStore().backup(zip);
            }
        } catch (IOException | RuntimeException e) {
            if (created) {
                deleteQuietly(target); // a partial archive would only stand in the way of the next try
            }
            throw new StoreException("cannot back the journal up to " + target + ": " + e.getMessage(), e);
        }
        LOG.info("Backed the message store in {} up to {}", directory, target);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete the partial backup {}: {}", file, e.getMessage());
        }
    }

    /** Tells an observer of every force from now on, replacing the one before; for metrics. */
    @Override
    public void observe(JournalObserver observer) {
        syncer.observe(observer);
    }

    /** The size of the journal's file in bytes; 0 if it cannot be read. */
    @Override
    public long sizeBytes() {
        try {
            return Files.size(directory.resolve(JournalMaps.FILE_NAME));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Refuses new units, commits those already queued, stops the journal and sync threads, closes the journal
     * and completes the futures still due. Called from a future's action, it returns without waiting and the
     * threads finish alone.
     */
    @Override
    public void close() {
        queue.close();
        if (Thread.currentThread() == journalThread || syncer.isSyncThread(Thread.currentThread())) {
            return;
        }
        if (awaitEnd(journalThread)) {
            Thread.currentThread().interrupt();
        }
    }

    /** Joins a thread, also through interrupts; returns whether one came. Also the sync thread's end. */
    static boolean awaitEnd(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }

    @Override
    public String toString() {
        return "journal in " + directory;
    }

    private void runJournal() {
        OpenJournal journal;
        try {
            journal = openJournal();
        } catch (RuntimeException | Error e) {
            opening.completeExceptionally(e);
            failQueuedUnits(e instanceof StoreException failure
                    ? failure
                    : new StoreException("cannot open message store in " + directory + ": " + e, e));
            syncer.finish();
            OPEN_DIRECTORIES.remove(directory);
            return;
        }
        current = journal;
        opening.complete(journal);
        try {
            List<PendingUnit> group;
            while (!(group = queue.takeGroup(MAX_GROUP_UNITS, MAX_GROUP_BYTES)).isEmpty()) {
                WrittenGroup written;
                synchronized (writeLock) {
                    written = commit(group);
                }
                syncer.offer(written);
            }
        } catch (RuntimeException | Error e) {
            LOG.error("Journal thread failed; failing the units still queued", e);
            failQueuedUnits(new StoreException("journal thread failed: " + e, e));
        } finally {
            if (syncer.finish()) {
                Thread.currentThread().interrupt();
            }
            synchronized (writeLock) {
                journalClosed = true;
                closeQuietly(current.maps());
            }
            OPEN_DIRECTORIES.remove(directory);
            LOG.info("Closed message store in {} after {} units in {} commits", directory, unitCount(), commitCount());
        }
    }

    /** Writes a group to the journal, or fails its units if the journal cannot be opened again after a failure. */
    private WrittenGroup commit(List<PendingUnit> group) {
        OpenJournal journal;
        try {
            journal = usableJournal();
        } catch (StoreException e) {
            LOG.error("{}; failing {} units", e.getMessage(), group.size());
            Throwable[] failed = new Throwable[group.size()];
            GroupCommitter.fillMissing(failed, e);
            return new WrittenGroup(group, failed, null, null);
        }
        return journal.committer().commit(group);
    }

    private void failQueuedUnits(StoreException failure) {
        for (PendingUnit unit : queue.closeAndDrain()) {
            unit.done().completeExceptionally(failure);
        }
    }

    private static void closeQuietly(JournalMaps maps) {
        if (maps.store().isClosed()) {
            return;
        }
        try {
            maps.store().close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the journal file failed", e);
        }
    }
}
