package dev.tern.broker.store;

import dev.tern.protocol.MessageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The oracle for store tests: what a store must hold after a sequence of valid ops, kept in plain
 * sorted maps and written as directly as possible.
 */
final class StoreModel {

    final TreeMap<String, QueueRecord> queues = new TreeMap<>();
    final TreeMap<Long, MessageRecord> messages = new TreeMap<>();
    /** message ID -> queue name -> delivery count. */
    final TreeMap<Long, TreeMap<String, Integer>> refs = new TreeMap<>();

    void apply(StoreOp op) {
        if (op instanceof StoreOp.AddQueue add) {
            queues.put(add.queue().name(), add.queue());
        } else if (op instanceof StoreOp.RemoveQueue remove) {
            queues.remove(remove.queueName());
            for (Long id : new ArrayList<>(refs.keySet())) {
                Map<String, Integer> onQueues = refs.get(id);
                if (onQueues.remove(remove.queueName()) != null && onQueues.isEmpty()) {
                    refs.remove(id);
                    messages.remove(id);
                }
            }
        } else if (op instanceof StoreOp.AddMessage add) {
            messages.put(add.messageId(), add.message());
        } else if (op instanceof StoreOp.DeleteMessage delete) {
            messages.remove(delete.messageId());
        } else if (op instanceof StoreOp.AddReference add) {
            refs.computeIfAbsent(add.messageId(), id -> new TreeMap<>()).put(add.queueName(), 0);
        } else if (op instanceof StoreOp.RemoveReference remove) {
            Map<String, Integer> onQueues = refs.get(remove.messageId());
            if (onQueues != null) {
                onQueues.remove(remove.queueName());
                if (onQueues.isEmpty()) {
                    refs.remove(remove.messageId());
                }
            }
        } else if (op instanceof StoreOp.UpdateDeliveryCount update) {
            Map<String, Integer> onQueues = refs.get(update.messageId());
            if (onQueues != null && onQueues.containsKey(update.queueName())) {
                onQueues.put(update.queueName(), update.deliveryCount());
            }
        }
    }

    /** What load() does before it reads: drops messages without references (ops here never leave dangling refs). */
    void dropUnreferencedMessages() {
        messages.keySet().removeIf(id -> !refs.containsKey(id));
    }

    boolean isReferenced(long messageId) {
        return refs.containsKey(messageId);
    }

    List<StoredState.StoredMessage> expectedMessages() {
        List<StoredState.StoredMessage> expected = new ArrayList<>();
        messages.forEach((id, message) -> expected.add(new StoredState.StoredMessage(id, message)));
        return expected;
    }

    List<StoredState.StoredReference> expectedReferences() {
        List<StoredState.StoredReference> expected = new ArrayList<>();
        refs.forEach((id, onQueues) -> onQueues.forEach(
                (queue, count) -> expected.add(new StoredState.StoredReference(id, queue, count))));
        return expected;
    }
}
