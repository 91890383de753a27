package dev.tern.broker.store;

import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
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
 *   <tr><td>{@code format}</td><td>{@code "version"}</td><td>{@value #FORMAT_VERSION}</td></tr>
 * </table>
 *
 * <p>Keying references by message rather than by queue makes the common message (one queue) cost one
 * entry in {@code messages} and one in {@code refs}, and tells in one lookup whether anything still
 * holds a message. Removing a whole queue scans {@code refs} instead.
 *
 * <p>Opened with auto-commit off: no background thread writes or serializes chunks, so each commit
 * is written on the calling thread and the {@link MVStore#sync()} right after covers it.
 */
record JournalMaps(MVStore store, MVMap<String, byte[]> queues, MVMap<Long, byte[]> messages,
        MVMap<Long, byte[]> refs, MVMap<String, byte[]> duplicateIds) {

    /** The journal's file in the store directory. */
    static final String FILE_NAME = "tern-journal.mv";
    static final int FORMAT_VERSION = 1;

    /** Opens or creates the journal file; throws {@link StoreException} for a file of another format. */
    static JournalMaps open(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        try {
            MVMap<String, String> format = store.openMap("format");
            String version = format.putIfAbsent("version", Integer.toString(FORMAT_VERSION));
            if (version != null && !version.equals(Integer.toString(FORMAT_VERSION))) {
                throw new StoreException("journal " + file + " has format " + version + "; this broker reads format "
                        + FORMAT_VERSION);
            }
            JournalMaps maps = new JournalMaps(store,
                    store.openMap("queues", new MVMap.Builder<String, byte[]>()
                            .keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE)),
                    store.openMap("messages", byId()), store.openMap("refs", byId()),
                    store.openMap("duplicate_ids", new MVMap.Builder<String, byte[]>()
                            .keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE)));
            store.commit();
            return maps;
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    private static MVMap.Builder<Long, byte[]> byId() {
        return new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE);
    }
}
