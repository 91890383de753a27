package dev.tern.broker.store;

import dev.tern.protocol.BranchId;
import java.nio.file.Path;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The journal file and its maps, in H2's MVStore: a copy-on-write B-tree store in which
 * {@link MVStore#commit()} writes every change since the last commit as one new chunk, atomically.
 * After a crash the store opens at the last complete chunk, so a unit of work is either wholly there
 * or not at all.
 *
 * <table>
 *   <caption>Maps</caption>
 *   <tr><th>map</th><th>key</th><th>value</th></tr>
 *   <tr><td>{@code queues}</td><td>queue name</td><td>the {@link QueueRecord} ({@link JournalRecords})</td></tr>
 *   <tr><td>{@code messages}</td><td>message ID</td><td>the message as written by {@code MessageCodec.encode}</td></tr>
 *   <tr><td>{@code refs}</td><td>message ID</td><td>the queues holding it, with delivery counts ({@link RefList})</td></tr>
 *   <tr><td>{@code duplicate_ids}</td><td>{@link JournalRecords#duplicateIdKey}</td><td>the entry ({@link JournalRecords})</td></tr>
 *   <tr><td>{@code xa_branches}</td>
 *       <td>{@link BranchCodec#key}: the {@link BranchId} as {@code formatId:gtrid:bqual}</td>
 *       <td>the {@link PreparedBranch} ({@link BranchCodec})</td></tr>
 *   <tr><td>{@code counters}</td><td>{@code "lastMessageId"}</td><td>the highest message ID ever stored (a long)</td></tr>
 *   <tr><td>{@code format}</td><td>{@code "version"}</td><td>{@value #FORMAT_VERSION}</td></tr>
 * </table>
 *
 * <p>{@code counters} keeps message IDs unique across restarts even when the messages that had the
 * highest ones are gone: the broker numbers new messages above {@link #lastMessageId()}. Journals written
 * before it existed lack it; they open as they are (the format version did not change, since older brokers
 * can read and write a journal that has it, ignoring it), {@link #lastMessageId()} then takes the highest
 * key of {@code messages} and {@code refs}, and the first commit that stores a message writes it.
 *
 * <p>{@code xa_branches} holds the XA branches prepared and not yet decided. A branch's sent messages are in
 * {@code messages} without an entry in {@code refs} until it commits, and the references it acknowledged stay
 * in {@code refs} until then; start-up neither deletes the former as orphans nor hands the latter to their
 * queues (see {@link JournalReader}). The map came with XA, without a new format version: a broker of an
 * earlier version opens the journal and ignores the map, so it would see a prepared branch's sent messages
 * as orphans and delete them, and deliver the messages the branch acknowledged; decide in-doubt branches
 * before going back to one.
 *
 * <p>Keying references by message rather than by queue makes the common message (one queue) cost one
 * entry in {@code messages} and one in {@code refs}, and tells in one lookup whether anything still
 * holds a message. Removing a whole queue scans {@code refs} instead.
 *
 * <p>Opened with auto-commit off in both its forms: no background thread writes or serializes chunks,
 * so each commit is written on the calling thread and the {@link MVStore#sync()} right after covers it;
 * and no commit happens by itself when unsaved changes pass a size ({@code autoCommitBufferSize(0)}),
 * so a unit is never split by a commit and a rollback takes back all of a failed group.
 *
 * <p>Reads from other threads see the maps' latest state, including a group being written.
 *
 * <p><b>Retention.</b> MVStore reuses the space of a chunk that no longer holds live pages once the chunk is
 * older than the retention time, {@value #RETENTION_MILLIS} ms here instead of MVStore's 45 s. Its 45 s assume
 * a file that nobody forces (the operating system is trusted to have written the commit that freed the chunk
 * by then); the journal forces every commit somebody waits for, and {@code GroupCommitter} pins each written
 * group's version until its force, so space is reused only once the commit that freed it is on disk. What
 * the retention still covers is a reader on another thread walking pages of a version that a commit has
 * just replaced: start-up holds off the journal thread, and the paging reads pin the version they start from.
 * With
 * 45 s the file kept 45 s of chunks, grew by every commit (a force of a growing file also writes its size,
 * about 110 µs instead of 65 on this project's machines) and held some hundred thousand chunk entries in its
 * layout map; with a short retention it stops growing after a second of traffic, and the store alone took
 * about 70 % more units from one waiting thread (issue 21, docs/performance.md).
 */
record JournalMaps(MVStore store, MVMap<String, byte[]> queues, MVMap<Long, byte[]> messages,
        MVMap<Long, byte[]> refs, MVMap<String, byte[]> duplicateIds, MVMap<String, byte[]> branches,
        MVMap<String, Long> counters) {

    /** The journal's file in the store directory. */
    static final String FILE_NAME = "tern-journal.mv";
    /** The layout described above; a journal that says another is refused. */
    static final int FORMAT_VERSION = 1;
    /** How long a chunk is kept after it was written before its space may be reused; see the class comment. */
    static final int RETENTION_MILLIS = 1_000;
    /** Key in the {@code format} map of the layout's version. */
    private static final String VERSION_KEY = "version";
    /** Key in the {@code counters} map of the highest message ID ever stored. */
    private static final String LAST_MESSAGE_ID_KEY = "lastMessageId";

    /** Opens or creates the journal file; throws {@link StoreException} for a file of another format. */
    static JournalMaps open(Path file) {
        return open(file, "");
    }

    /**
     * Opens or creates the journal file through an H2 file system ({@code org.h2.store.fs.FilePath}), for
     * tests that watch or break the writes and forces that reach the file's channel.
     *
     * @param fileSystem the prefix of a registered H2 file system, such as {@code "faulty:"}; "" for the disk
     */
    static JournalMaps open(Path file, String fileSystem) {
        MVStore store = new MVStore.Builder().fileName(fileSystem + file).autoCommitDisabled().autoCommitBufferSize(0)
                .open();
        store.setRetentionTime(RETENTION_MILLIS);
        try {
            String version = formatMap(store).putIfAbsent(VERSION_KEY, Integer.toString(FORMAT_VERSION));
            if (version != null && !version.equals(Integer.toString(FORMAT_VERSION))) {
                throw new StoreException("journal " + file + " has format " + version + "; this broker reads format "
                        + FORMAT_VERSION);
            }
            JournalMaps maps = new JournalMaps(store, bytesBy(store, "queues", StringDataType.INSTANCE),
                    bytesBy(store, "messages", LongDataType.INSTANCE), bytesBy(store, "refs", LongDataType.INSTANCE),
                    bytesBy(store, "duplicate_ids", StringDataType.INSTANCE),
                    bytesBy(store, "xa_branches", StringDataType.INSTANCE), store.openMap("counters",
                            new MVMap.Builder<String, Long>().keyType(StringDataType.INSTANCE)
                                    .valueType(LongDataType.INSTANCE)));
            store.commit();
            return maps;
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    /** The {@code format} map, which also notes where a converted journal came from. */
    static MVMap<String, String> formatMap(MVStore store) {
        return store.openMap("format");
    }

    private static <K> MVMap<K, byte[]> bytesBy(MVStore store, String name, BasicDataType<K> keyType) {
        return store.openMap(name, new MVMap.Builder<K, byte[]>().keyType(keyType).valueType(ByteArrayDataType.INSTANCE));
    }

    /**
     * The highest message ID the journal ever stored: the one noted in {@code counters}, or a higher key of
     * {@code messages} or {@code refs} (a journal written before the note existed, or by an older broker).
     */
    long lastMessageId() {
        long last = markedMessageId();
        Long message = messages().lastKey();
        Long referenced = refs().lastKey();
        return Math.max(last, Math.max(message == null ? 0 : message, referenced == null ? 0 : referenced));
    }

    /** The highest message ID noted in {@code counters}; 0 if none is. */
    long markedMessageId() {
        Long marked = counters().get(LAST_MESSAGE_ID_KEY);
        return marked == null ? 0 : marked;
    }

    /** Notes the highest message ID stored so far. */
    void markMessageId(long messageId) {
        counters().put(LAST_MESSAGE_ID_KEY, messageId);
    }

    /** The queues holding a message; empty if none does. */
    RefList refsOf(long messageId) {
        byte[] stored = refs().get(messageId);
        return stored == null ? RefList.EMPTY : RefList.decode(stored);
    }

    /** Visits every message that some queue holds, in ascending ID order, with the queues holding it. */
    void forEachRefs(RefsVisitor visitor) {
        Cursor<Long, byte[]> cursor = refs().cursor(null);
        while (cursor.hasNext()) {
            long messageId = cursor.next();
            visitor.visit(messageId, RefList.decode(cursor.getValue()));
        }
    }

    /** What {@link #forEachRefs} calls for each message. */
    interface RefsVisitor {
        void visit(long messageId, RefList refs);
    }

    /** Stores a duplicate ID entry, replacing the one for the same address and ID. */
    void putDuplicateId(StoredState.StoredDuplicateId entry) {
        duplicateIds().put(JournalRecords.duplicateIdKey(entry.address(), entry.duplicateId()),
                JournalRecords.encodeDuplicateId(entry));
    }

    /** Stores the queues holding a message, or removes its entry if none does. */
    void putRefs(long messageId, RefList refs) {
        if (refs.isEmpty()) {
            refs().remove(messageId);
        } else {
            refs().put(messageId, refs.encode());
        }
    }
}
