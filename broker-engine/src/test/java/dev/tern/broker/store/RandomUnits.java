package dev.tern.broker.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates valid units of work from a seeded {@link Random}, applying each op to a {@link StoreModel}
 * as it goes so the next op can refer to what exists. Few queue names and reused message IDs make
 * ops on the same rows meet in one unit and in one commit group.
 */
final class RandomUnits {

    private static final List<String> QUEUE_NAMES = List.of("q0", "q1", "q2", "q3", "q4", "queue/with 'quote'");

    private final Random random;
    private final StoreModel model;
    private long nextMessageId = 1;

    RandomUnits(Random random, StoreModel model) {
        this.random = random;
        this.model = model;
    }

    /** A unit of about 1 to 5 ops, already applied to the model. */
    List<StoreOp> next() {
        int target = 1 + random.nextInt(5);
        List<StoreOp> unit = new ArrayList<>();
        while (unit.size() < target) {
            step(unit, target);
        }
        return unit;
    }

    private void step(List<StoreOp> unit, int target) {
        int roll = random.nextInt(100);
        if (roll < 8) {
            addQueue(unit);
        } else if (roll < 11) {
            emit(unit, new StoreOp.RemoveQueue(pick(QUEUE_NAMES)));
        } else if (roll < 45) {
            send(unit, target);
        } else if (roll < 50) {
            addReferenceToStoredMessage(unit, target);
        } else if (roll < 70) {
            removeReference(unit);
        } else if (roll < 78) {
            deleteUnreferencedMessage(unit, target);
        } else if (roll < 80) {
            // A reference that may not exist: removing it must change nothing.
            emit(unit, new StoreOp.RemoveReference(1 + random.nextInt((int) nextMessageId), pick(QUEUE_NAMES)));
        } else {
            updateDeliveryCount(unit, target);
        }
    }

    private void addQueue(List<StoreOp> unit) {
        String name = pick(QUEUE_NAMES);
        boolean subscription = random.nextBoolean();
        QueueRecord queue = subscription
                ? new QueueRecord(name, "topic." + random.nextInt(3), true,
                        random.nextBoolean() ? null : "color = 'red' AND weight > " + random.nextInt(10),
                        random.nextBoolean(), random.nextBoolean() ? null : "client-" + random.nextInt(3),
                        "sub-" + random.nextInt(3), random.nextBoolean())
                : QueueRecord.plainQueue(name);
        emit(unit, new StoreOp.AddQueue(queue));
    }

    /** AddMessage plus references to one or more existing queues, as the broker journals a send. */
    private void send(List<StoreOp> unit, int target) {
        if (model.queues.isEmpty()) {
            addQueue(unit);
        }
        long id = newMessageId();
        emit(unit, new StoreOp.AddMessage(id, TestMessages.random(random)));
        List<String> queues = new ArrayList<>(model.queues.keySet());
        int refs = Math.max(1, Math.min(1 + random.nextInt(3), target - unit.size()));
        for (int i = 0; i < refs && !queues.isEmpty(); i++) {
            emit(unit, new StoreOp.AddReference(id, queues.remove(random.nextInt(queues.size()))));
        }
    }

    /** Usually a fresh ID; sometimes the ID of a message deleted earlier, to make delete and insert meet. */
    private long newMessageId() {
        if (random.nextInt(10) == 0 && nextMessageId > 1) {
            long reused = 1 + random.nextInt((int) nextMessageId - 1);
            if (!model.messages.containsKey(reused) && !model.isReferenced(reused)) {
                return reused;
            }
        }
        return nextMessageId++;
    }

    private void addReferenceToStoredMessage(List<StoreOp> unit, int target) {
        List<Long> referenced = new ArrayList<>(model.refs.keySet());
        if (referenced.isEmpty()) {
            send(unit, target);
            return;
        }
        long id = pick(referenced);
        List<String> free = new ArrayList<>(model.queues.keySet());
        free.removeAll(model.refs.get(id).keySet());
        if (free.isEmpty()) {
            send(unit, target);
            return;
        }
        emit(unit, new StoreOp.AddReference(id, pick(free)));
    }

    /** Takes a message off a queue, as an acknowledgment does, deleting it with its last reference. */
    private void removeReference(List<StoreOp> unit) {
        List<StoredState.StoredReference> refs = model.expectedReferences();
        if (refs.isEmpty()) {
            addQueue(unit);
            return;
        }
        StoredState.StoredReference ref = pick(refs);
        emit(unit, new StoreOp.RemoveReference(ref.messageId(), ref.queueName()));
        if (!model.isReferenced(ref.messageId()) && random.nextInt(10) < 7) {
            emit(unit, new StoreOp.DeleteMessage(ref.messageId()));
        }
    }

    private void deleteUnreferencedMessage(List<StoreOp> unit, int target) {
        List<Long> unreferenced = model.messages.keySet().stream().filter(id -> !model.isReferenced(id)).toList();
        if (unreferenced.isEmpty()) {
            send(unit, target);
            return;
        }
        emit(unit, new StoreOp.DeleteMessage(pick(unreferenced)));
    }

    private void updateDeliveryCount(List<StoreOp> unit, int target) {
        List<Long> referenced = new ArrayList<>(model.refs.keySet());
        if (referenced.isEmpty()) {
            send(unit, target);
            return;
        }
        long id = pick(referenced);
        Map<String, Integer> onQueues = model.refs.get(id);
        String queue = pick(new ArrayList<>(onQueues.keySet()));
        emit(unit, new StoreOp.UpdateDeliveryCount(id, queue, onQueues.get(queue) + 1 + random.nextInt(3)));
    }

    private void emit(List<StoreOp> unit, StoreOp op) {
        unit.add(op);
        model.apply(op);
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
