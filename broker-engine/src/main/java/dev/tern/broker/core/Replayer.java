package dev.tern.broker.core;

import dev.tern.broker.BrokerException;
import dev.tern.broker.store.StoreOp;
import dev.tern.broker.store.StoredState;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.ReplayFrom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills a new subscription queue with retained messages from a start point, then binds it to its topic,
 * so that live messages follow the replayed ones with no gap and no duplicate.
 *
 * <p>The bulk of the copy runs before the queue is bound, with sends going on. The last stretch (entries
 * retained since) and the binding run under {@link Journal#exclusively}, while no unit is built: every
 * message is then either in the log already, and copied, or reaches the journal later, and comes live,
 * either routed to the queue or, if it was routed before the binding, added by
 * {@link RetentionLog#lateSubscribers}. A copy references each message in the journal for a durable
 * queue, in units applied after the message's own, and respects the queue's selector and no-local.
 */
final class Replayer {

    private static final int BATCH = 512;

    private final Journal journal;
    private final PostOffice postOffice;

    Replayer(Journal journal, PostOffice postOffice) {
        this.journal = journal;
        this.postOffice = postOffice;
    }

    /** What a replay will copy: the entries from its start, and where the log ended when they were taken. */
    record Plan(RetentionLog log, ReplayFrom from, List<RetentionLog.Entry> entries, long endSeq) {
    }

    /**
     * Picks the retained entries a replay starts with, changing nothing.
     *
     * @throws BrokerException INVALID_ARGUMENT if it starts from a message ID the log does not hold
     */
    Plan plan(RetentionLog log, ReplayFrom from) {
        RetentionLog.Snapshot snapshot = log.snapshot();
        List<RetentionLog.Entry> entries = snapshot.entries();
        if (from.kind() == ReplayFrom.Kind.MESSAGE_ID) {
            int start = indexOf(log, entries, from.messageId());
            if (start < 0) {
                throw new BrokerException(ErrorCode.INVALID_ARGUMENT, "Topic " + log.address() + " does not retain "
                        + "message " + from.messageId() + "; it was trimmed, or never published there.");
            }
            entries = entries.subList(start, entries.size());
        } else {
            entries = startingAt(entries, from);
        }
        return new Plan(log, from, entries, snapshot.endSeq());
    }

    /**
     * Copies a plan into a queue made by {@link PostOffice#createUnbound}, then binds the queue. The queue's
     * no-local connection must already be set.
     */
    void replayAndBind(Plan plan, MessageQueue queue) {
        copy(plan.log(), plan.entries(), queue);
        journal.exclusively(() -> {
            List<RetentionLog.Entry> rest = plan.log().entriesFrom(plan.endSeq());
            copy(plan.log(), plan.from().kind() == ReplayFrom.Kind.TIMESTAMP ? startingAt(rest, plan.from()) : rest,
                    queue);
            postOffice.bind(queue);
            plan.log().addReplaySubscriber(queue);
        });
    }

    private static List<RetentionLog.Entry> startingAt(List<RetentionLog.Entry> entries, ReplayFrom from) {
        if (from.kind() != ReplayFrom.Kind.TIMESTAMP) {
            return entries;
        }
        return entries.stream().filter(entry -> entry.time >= from.timestamp()).toList();
    }

    private int indexOf(RetentionLog log, List<RetentionLog.Entry> entries, String jmsMessageId) {
        for (int from = 0; from < entries.size(); from += BATCH) {
            List<RetentionLog.Entry> batch = entries.subList(from, Math.min(entries.size(), from + BATCH));
            List<ServerMessage> messages = resolve(log, batch);
            for (int i = 0; i < batch.size(); i++) {
                ServerMessage message = messages.get(i);
                if (message != null && jmsMessageId.equals(message.record().messageId())) {
                    return from + i;
                }
            }
        }
        return -1;
    }

    private void copy(RetentionLog log, List<RetentionLog.Entry> entries, MessageQueue queue) {
        for (int from = 0; from < entries.size(); from += BATCH) {
            List<RetentionLog.Entry> batch = entries.subList(from, Math.min(entries.size(), from + BATCH));
            List<MessageRef> refs = new ArrayList<>();
            List<StoreOp> unit = new ArrayList<>();
            List<ServerMessage> messages = resolve(log, batch);
            for (int i = 0; i < batch.size(); i++) {
                ServerMessage message = messages.get(i);
                if (message == null || !queue.accepts(message)) {
                    continue;
                }
                refs.add(queue.createRef(message, 0));
                // The log's entry, not the object, tells: a held object may have lost its other stored references.
                if (queue.isDurable() && batch.get(i).stored) {
                    unit.add(new StoreOp.AddReference(message.id(), queue.name()));
                    message.addStoredReference();
                }
            }
            // Not waited for: the consumer is answered once the queue is stored (MessageQueue.stored()), so
            // nothing it acknowledges reaches the journal before these references.
            queue.storedAfter(journal.applyInOrder(unit));
            for (MessageRef ref : refs) {
                if (!queue.enqueue(ref)) {
                    journal.discard(List.of(ref));
                }
            }
        }
    }

    /**
     * The messages of a batch of entries, in order: held ones as they are, the others read back from the
     * journal; null for one trimmed meanwhile.
     */
    private List<ServerMessage> resolve(RetentionLog log, List<RetentionLog.Entry> batch) {
        List<Long> toRead = new ArrayList<>();
        Map<Long, ServerMessage> held = new HashMap<>();
        for (RetentionLog.Entry entry : batch) {
            ServerMessage message = entry.held;
            if (message != null) {
                held.put(entry.messageId, message);
            } else {
                toRead.add(entry.messageId);
            }
        }
        Map<Long, StoredState.PagedMessage> read = new HashMap<>();
        if (!toRead.isEmpty()) {
            long[] ids = toRead.stream().mapToLong(Long::longValue).toArray();
            for (StoredState.PagedMessage stored : journal.readStored(log.queueName(), ids)) {
                read.put(stored.messageId(), stored);
            }
        }
        List<ServerMessage> messages = new ArrayList<>(batch.size());
        for (RetentionLog.Entry entry : batch) {
            ServerMessage message = held.get(entry.messageId);
            StoredState.PagedMessage stored = read.get(entry.messageId);
            if (message == null && stored != null) {
                message = new ServerMessage(entry.messageId, stored.message(), entry.sender);
                message.markStored();
            }
            messages.add(message);
        }
        return messages;
    }
}
