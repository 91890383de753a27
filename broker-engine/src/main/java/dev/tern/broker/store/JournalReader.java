package dev.tern.broker.store;

import dev.tern.protocol.MessageCodec;
import dev.tern.protocol.MessageRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the journal: everything at start-up, after removing what no longer belongs to it (references
 * to queues or messages that are gone, then messages no queue holds), or messages a queue pages in.
 *
 * <p>A message no queue references (an orphan) should not exist: the unit that removes a message's last
 * reference deletes it. Earlier versions left some behind (a message acknowledged on its last durable
 * queue while a non-durable subscriber still held it), and a broker bug could again, so start-up removes
 * them and logs how many at WARN. {@link #loadIndex} finds them without reading the messages: it compares
 * the number of entries in {@code messages} and in {@code refs}, which MVStore keeps, and reads the
 * messages' keys only when they differ.
 *
 * <p>Prepared XA branches are read first, since they change what belongs: a message a branch sends is held
 * by it, without a reference until it commits, so it is not an orphan; a reference a branch acknowledged
 * is left out of what the queues get, though {@link #readPage} still reads it (see {@link LoadedBranches}).
 *
 * <p>A message that cannot be decoded is logged and left out, with its references, so one damaged
 * entry does not stop the broker; the entry stays in the file for inspection. A branch that cannot be
 * decoded is logged and left out too, and then no orphan is removed: its messages cannot be told from them.
 */
final class JournalReader {

    private static final Logger LOG = LoggerFactory.getLogger(JournalReader.class);

    private final JournalMaps maps;

    JournalReader(JournalMaps maps) {
        this.maps = maps;
    }

    /** Everything stored; removes dangling entries first and commits that, on the calling thread. */
    StoredState load() {
        StoredBranches stored = readBranches();
        removeDangling(true, maps.lastMessageId(), stored);
        Set<Long> unreadable = new HashSet<>();
        List<StoredState.StoredMessage> messages = new ArrayList<>();
        Cursor<Long, byte[]> cursor = maps.messages().cursor(null);
        while (cursor.hasNext()) {
            long id = cursor.next();
            MessageRecord message = decode(id, cursor.getValue(), null);
            if (message == null) {
                unreadable.add(id);
            } else {
                messages.add(new StoredState.StoredMessage(id, message));
            }
        }
        LoadedBranches branches = LoadedBranches.of(stored.branches(),
                id -> !unreadable.contains(id) && maps.messages().containsKey(id),
                (id, queueName) -> !unreadable.contains(id) && referenceStored(id, queueName));
        List<StoredState.StoredReference> references = new ArrayList<>();
        maps.forEachRefs((messageId, refs) -> {
            if (unreadable.contains(messageId)) {
                return;
            }
            List<StoredState.StoredReference> ofMessage = new ArrayList<>(refs.size());
            for (int i = 0; i < refs.size(); i++) {
                if (!branches.isLocked(messageId, refs.queueName(i))) {
                    ofMessage.add(new StoredState.StoredReference(messageId, refs.queueName(i),
                            refs.deliveryCount(i)));
                }
            }
            ofMessage.sort(Comparator.comparing(StoredState.StoredReference::queueName));
            references.addAll(ofMessage);
        });
        return new StoredState(queues(), messages, references, duplicateIds(), branches.branches());
    }

    /**
     * The queues, the IDs of the messages on each (not those prepared branches acknowledged), the highest
     * message ID ever stored and the prepared branches. Removes references to missing queues first, and the
     * messages they alone held, but reads only {@code refs}, not the messages: every unit that stores a
     * message references it or prepares a branch that sends it, and every unit that drops its last reference
     * deletes it. Only if {@code messages} has another number of entries than {@code refs} and the branches'
     * unreferenced sent messages together does it read the messages' keys too, to remove orphans and
     * references to missing messages; a reference without its message that hides an orphan in the count
     * means two broker bugs, which {@link #load} still repairs and {@link #readPage} tolerates. A journal of
     * a million messages opens in about a second this way, against several when each message's page is read
     * too.
     */
    StoredIndex loadIndex() {
        long lastMessageId = maps.lastMessageId();
        StoredBranches stored = readBranches();
        long expectedMessages = maps.refs().sizeAsLong() + stored.sentMessageIds().stream()
                .filter(id -> !maps.refs().containsKey(id) && maps.messages().containsKey(id)).count();
        removeDangling(maps.messages().sizeAsLong() != expectedMessages, lastMessageId, stored);
        LoadedBranches branches = LoadedBranches.of(stored.branches(), maps.messages()::containsKey,
                this::referenceStored);
        Map<String, LongList> ids = new HashMap<>();
        maps.forEachRefs((messageId, refs) -> {
            for (int i = 0; i < refs.size(); i++) {
                if (!branches.isLocked(messageId, refs.queueName(i))) {
                    ids.computeIfAbsent(refs.queueName(i), queue -> new LongList()).add(messageId);
                }
            }
        });
        Map<String, long[]> arrays = new HashMap<>();
        ids.forEach((queue, list) -> arrays.put(queue, list.toArray()));
        return new StoredIndex(queues(), arrays, duplicateIds(), lastMessageId, branches.branches());
    }

    /**
     * The queue's references among these IDs, with their messages, ascending by ID. Any thread; it sees
     * the maps as they are, so also what the journal thread is writing (see {@link JournalMaps}). A
     * queue asks only for IDs that completed units placed on it, so that can only be a removal under way.
     */
    List<StoredState.PagedMessage> readPage(String queueName, long[] messageIds) {
        long[] sorted = Arrays.stream(messageIds).sorted().distinct().toArray();
        List<StoredState.PagedMessage> page = new ArrayList<>(sorted.length);
        MVStore.TxCounter pin = maps.store().registerVersionUsage();
        try {
            for (long id : sorted) {
                RefList refs = maps.refsOf(id);
                int index = refs.indexOf(queueName);
                byte[] encoded = index < 0 ? null : maps.messages().get(id);
                MessageRecord message = encoded == null ? null : decode(id, encoded, queueName);
                if (message != null) {
                    page.add(new StoredState.PagedMessage(id, refs.deliveryCount(index), message));
                }
            }
        } finally {
            maps.store().deregisterVersionUsage(pin);
        }
        return page;
    }

    /**
     * The stored messages among these IDs, ascending by ID. Any thread, like {@link #readPage}; both pin the
     * version they start from, so that no page they may still read is overwritten meanwhile.
     */
    List<StoredState.StoredMessage> readMessages(long[] messageIds) {
        List<StoredState.StoredMessage> read = new ArrayList<>(messageIds.length);
        MVStore.TxCounter pin = maps.store().registerVersionUsage();
        try {
            for (long id : Arrays.stream(messageIds).sorted().distinct().toArray()) {
                byte[] encoded = maps.messages().get(id);
                MessageRecord message = encoded == null ? null : decode(id, encoded, null);
                if (message != null) {
                    read.add(new StoredState.StoredMessage(id, message));
                }
            }
        } finally {
            maps.store().deregisterVersionUsage(pin);
        }
        return read;
    }

    /** A queue's reference to a message, with the message. */
    private boolean referenceStored(long messageId, String queueName) {
        return maps.refsOf(messageId).indexOf(queueName) >= 0 && maps.messages().containsKey(messageId);
    }

    /**
     * The prepared branches as stored, with the IDs of the messages they send.
     *
     * @param complete false if a branch could not be decoded, so that messages without a reference may be its
     */
    private record StoredBranches(List<PreparedBranch> branches, Set<Long> sentMessageIds, boolean complete) {
    }

    private StoredBranches readBranches() {
        List<PreparedBranch> branches = new ArrayList<>();
        boolean complete = true;
        Cursor<String, byte[]> cursor = maps.branches().cursor(null);
        while (cursor.hasNext()) {
            String key = cursor.next();
            try {
                branches.add(BranchCodec.decode(cursor.getValue()));
            } catch (RuntimeException e) {
                LOG.error("Prepared XA branch {} cannot be decoded; leaving it out, and keeping the messages no queue "
                        + "references, since its sent messages may be among them", key, e);
                complete = false;
            }
        }
        return new StoredBranches(branches, LoadedBranches.sentMessageIds(branches), complete);
    }

    /** The message, or null (logged) if it cannot be decoded; also the PostgreSQL store's. */
    static MessageRecord decode(long id, byte[] encoded, String queueName) {
        try {
            return MessageCodec.decode(encoded);
        } catch (RuntimeException e) {
            LOG.error("Stored message {}{} cannot be decoded; leaving it out", id,
                    queueName == null ? "" : " on queue " + queueName, e);
            return null;
        }
    }

    private List<QueueRecord> queues() {
        List<QueueRecord> queues = new ArrayList<>();
        for (byte[] encoded : maps.queues().values()) {
            queues.add(JournalRecords.decodeQueue(encoded));
        }
        return queues;
    }

    private List<StoredState.StoredDuplicateId> duplicateIds() {
        List<StoredState.StoredDuplicateId> entries = new ArrayList<>();
        for (byte[] encoded : maps.duplicateIds().values()) {
            entries.add(JournalRecords.decodeDuplicateId(encoded));
        }
        entries.sort(Comparator.comparingLong(StoredState.StoredDuplicateId::sequence));
        return entries;
    }

    /**
     * Drops references to missing queues, deleting messages left without one; with
     * {@code checkMessages}, also references to missing messages and messages nothing references, which
     * reads every message. Messages a prepared branch sends are kept, and if a branch could not be read,
     * every message nothing references. Commits what it removed, noting {@code lastMessageId} first (see
     * {@link JournalMaps#lastMessageId}), so that the IDs of removed messages are not given again.
     */
    private void removeDangling(boolean checkMessages, long lastMessageId, StoredBranches branches) {
        Set<Long> sent = branches.sentMessageIds();
        Set<String> queueNames = new HashSet<>(maps.queues().keySet());
        Map<Long, RefList> changedRefs = new HashMap<>();
        int[] droppedRefs = {0};
        maps.forEachRefs((messageId, refs) -> {
            boolean messageExists = !checkMessages || maps.messages().containsKey(messageId);
            RefList kept = refs;
            for (int i = kept.size() - 1; i >= 0; i--) {
                if (!messageExists || !queueNames.contains(kept.queueName(i))) {
                    kept = kept.without(i);
                }
            }
            if (kept != refs) {
                droppedRefs[0] += refs.size() - kept.size();
                changedRefs.put(messageId, kept);
            }
        });
        Set<Long> leftWithout = new TreeSet<>();
        changedRefs.forEach((messageId, refs) -> {
            maps.putRefs(messageId, refs);
            if (refs.isEmpty() && !sent.contains(messageId)) {
                leftWithout.add(messageId);
            }
        });
        TreeSet<Long> orphans = new TreeSet<>();
        if (checkMessages && branches.complete()) {
            for (Long messageId : maps.messages().keySet()) {
                if (!maps.refs().containsKey(messageId) && !leftWithout.contains(messageId)
                        && !sent.contains(messageId)) {
                    orphans.add(messageId);
                }
            }
        }
        leftWithout.forEach(maps.messages()::remove);
        orphans.forEach(maps.messages()::remove);
        if (droppedRefs[0] + leftWithout.size() + orphans.size() > 0) {
            if (lastMessageId > maps.markedMessageId()) {
                maps.markMessageId(lastMessageId);
            }
            maps.store().commit();
            maps.store().sync();
        }
        if (droppedRefs[0] + leftWithout.size() > 0) {
            LOG.info("Removed {} references to deleted queues or missing messages and {} messages left without one",
                    droppedRefs[0], leftWithout.size());
        }
        if (!orphans.isEmpty()) {
            LOG.warn("Removed {} stored messages that no queue referenced (IDs {} to {}), left behind by an earlier "
                    + "version (a message acknowledged on its last durable queue while a non-durable subscriber "
                    + "still held it) or a broker bug", orphans.size(), orphans.first(), orphans.last());
        }
    }
}
