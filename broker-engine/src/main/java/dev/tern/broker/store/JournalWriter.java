package dev.tern.broker.store;

import dev.tern.protocol.BranchId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies the ops of units to the journal's maps, in order; it neither commits nor rolls back. Used
 * by the journal thread only.
 *
 * <p>The rules are those of the store's contract: a message or a reference that already exists
 * cannot be added again (the unit fails with {@link DuplicateEntryException}); removing, updating or
 * deleting what is not there does nothing; {@link StoreOp.DeleteMessage} deletes only a message that
 * no queue holds any more, since the broker may hold one message in several objects when queues page
 * it, each counting only its own references. A message whose last reference a unit removes is deleted
 * at the end of that unit whether or not the unit says so, so that units removing references of one
 * message from several threads may reach the journal in any order without leaving it behind.
 *
 * <p>An XA branch follows the same rules: preparing one whose ID is stored fails the unit, removing one
 * that is not there does nothing. The writer keeps no link between a branch and its messages: the sends'
 * messages are stored by the {@link StoreOp.AddMessage} ops of the unit that prepares it and, having no
 * reference, are deleted by a {@link StoreOp.DeleteMessage} of them, which only the unit that rolls the
 * branch back should hold.
 */
final class JournalWriter {

    private final JournalMaps maps;
    /** The highest ID of a message written so far, committed or not. */
    private long highestMessageId;

    JournalWriter(JournalMaps maps) {
        this.maps = maps;
    }

    /** A unit tried to add a message, a reference or an XA branch that is already stored. */
    static final class DuplicateEntryException extends RuntimeException {
        DuplicateEntryException(String message) {
            super(message);
        }
    }

    /** Applies the unit's ops in order; throws, leaving some of them applied, if one cannot be. */
    void write(PendingUnit unit) {
        List<StoreOp> ops = unit.ops();
        for (int i = 0; i < ops.size(); i++) {
            write(ops.get(i), unit.encoded()[i]);
        }
        for (StoreOp op : ops) {
            if (op instanceof StoreOp.RemoveReference remove && !maps.refs().containsKey(remove.messageId())) {
                maps.messages().remove(remove.messageId());
            }
        }
    }

    /**
     * Notes in the maps the highest message ID written, if it rose: call before each commit, so that the
     * note goes to disk with the messages. One small write per commit, not per message; after a rollback the
     * noted ID may exceed what stayed stored, which only skips IDs.
     */
    void noteHighestMessageId() {
        if (highestMessageId > maps.markedMessageId()) {
            maps.markMessageId(highestMessageId);
        }
    }

    private void write(StoreOp op, byte[] encoded) {
        if (op instanceof StoreOp.AddMessage add) {
            if (maps.messages().putIfAbsent(add.messageId(), encoded) != null) {
                throw new DuplicateEntryException("message " + add.messageId() + " is already stored");
            }
            highestMessageId = Math.max(highestMessageId, add.messageId());
        } else if (op instanceof StoreOp.AddReference add) {
            addReference(add.messageId(), add.queueName());
        } else if (op instanceof StoreOp.RemoveReference remove) {
            removeReference(remove.messageId(), remove.queueName());
        } else if (op instanceof StoreOp.DeleteMessage delete) {
            if (!maps.refs().containsKey(delete.messageId())) {
                maps.messages().remove(delete.messageId());
            }
        } else if (op instanceof StoreOp.UpdateDeliveryCount update) {
            updateDeliveryCount(update);
        } else if (op instanceof StoreOp.AddQueue add) {
            maps.queues().put(add.queue().name(), JournalRecords.encodeQueue(add.queue()));
        } else if (op instanceof StoreOp.RemoveQueue remove) {
            removeQueue(remove.queueName());
        } else if (op instanceof StoreOp.AddDuplicateId add) {
            maps.putDuplicateId(new StoredState.StoredDuplicateId(add.address(), add.duplicateId(), add.sequence(),
                    add.addedAt()));
        } else if (op instanceof StoreOp.RemoveDuplicateId remove) {
            removeDuplicateId(remove);
        } else if (op instanceof StoreOp.PrepareBranch prepare) {
            BranchId id = prepare.branch().id();
            if (maps.branches().putIfAbsent(BranchCodec.key(id), encoded) != null) {
                throw new DuplicateEntryException("XA branch " + id + " is already prepared");
            }
        } else if (op instanceof StoreOp.RemoveBranch remove) {
            maps.branches().remove(BranchCodec.key(remove.id()));
        } else {
            throw new IllegalArgumentException("unknown store op " + op);
        }
    }

    private void addReference(long messageId, String queueName) {
        RefList refs = maps.refsOf(messageId);
        if (refs.indexOf(queueName) >= 0) {
            throw new DuplicateEntryException("message " + messageId + " is already on queue " + queueName);
        }
        maps.putRefs(messageId, refs.with(queueName, 0));
    }

    private void removeReference(long messageId, String queueName) {
        RefList refs = maps.refsOf(messageId);
        int index = refs.indexOf(queueName);
        if (index >= 0) {
            maps.putRefs(messageId, refs.without(index));
        }
    }

    private void updateDeliveryCount(StoreOp.UpdateDeliveryCount update) {
        RefList refs = maps.refsOf(update.messageId());
        int index = refs.indexOf(update.queueName());
        if (index >= 0) {
            maps.putRefs(update.messageId(), refs.withDeliveryCount(index, update.deliveryCount()));
        }
    }

    /**
     * Deletes the queue, its references and the messages only it held. References are keyed by message,
     * so this reads all of them: a queue is rarely removed, while every message sent and acknowledged
     * gains from one entry instead of one per queue and message.
     */
    private void removeQueue(String queueName) {
        maps.queues().remove(queueName);
        List<Map.Entry<Long, RefList>> changed = new ArrayList<>();
        maps.forEachRefs((messageId, refs) -> {
            int index = refs.indexOf(queueName);
            if (index >= 0) {
                changed.add(Map.entry(messageId, refs.without(index)));
            }
        });
        for (Map.Entry<Long, RefList> entry : changed) {
            if (entry.getValue().isEmpty()) {
                maps.messages().remove(entry.getKey());
            }
            maps.putRefs(entry.getKey(), entry.getValue());
        }
    }

    private void removeDuplicateId(StoreOp.RemoveDuplicateId remove) {
        String key = JournalRecords.duplicateIdKey(remove.address(), remove.duplicateId());
        byte[] stored = maps.duplicateIds().get(key);
        if (stored != null && JournalRecords.decodeDuplicateId(stored).sequence() == remove.sequence()) {
            maps.duplicateIds().remove(key);
        }
    }
}
