package dev.tern.broker.core;

import dev.tern.broker.BrokerException;
import dev.tern.broker.store.QueueRecord;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Maps destinations to the queues that hold their messages: a queue to itself, a topic to its
 * subscriptions. Creates queues on first use, as ActiveMQ does, and journals the durable ones.
 *
 * <p>A temporary queue's queue, and a temporary topic's address, are named
 * {@value DestinationName#TEMPORARY_PREFIX}NAME. A plain queue or topic whose name starts with that
 * prefix is refused, so that no plain name reaches a temporary destination.
 */
public final class PostOffice {

    private final Journal journal;
    private final QueueServices queueServices;
    private final Map<String, MessageQueue> queues = new ConcurrentHashMap<>();
    private final Map<String, List<MessageQueue>> subscriptionsByTopic = new ConcurrentHashMap<>();
    private final Map<DestinationName, Long> temporaryOwners = new ConcurrentHashMap<>();
    private final Retention retention;
    private final Replayer replayer;
    private final List<QueueLifecycle> lifecycles = new CopyOnWriteArrayList<>();

    public PostOffice(Journal journal, QueueServices queueServices) {
        this.journal = journal;
        this.queueServices = queueServices;
        this.retention = new Retention(journal, queueServices);
        this.replayer = new Replayer(journal, this);
    }

    /**
     * Tells a listener of every queue there is now and of every queue added or removed from now on, under
     * the monitor queues are added and removed with, so that it hears of each in order.
     */
    public synchronized void watchQueues(QueueLifecycle listener) {
        lifecycles.add(listener);
        queues.values().forEach(listener::added);
    }

    /** Stops telling a listener; it hears of no queue after this returns. */
    public synchronized void unwatchQueues(QueueLifecycle listener) {
        lifecycles.remove(listener);
    }

    private void added(MessageQueue queue) {
        lifecycles.forEach(listener -> listener.added(queue));
    }

    /** Fills new subscriptions from the retention logs. */
    Replayer replayer() {
        return replayer;
    }

    /** The topics' retention logs. */
    public Retention retention() {
        return retention;
    }

    /** Recreates a queue read from the journal at start-up. */
    public MessageQueue restore(QueueRecord definition) {
        return register(new MessageQueue(definition, true, queueServices));
    }

    public MessageQueue queue(String name) {
        return queues.get(name);
    }

    public Collection<MessageQueue> queues() {
        return queues.values();
    }

    /**
     * The queue a point-to-point destination names, created if it is a plain queue seen for the first
     * time.
     *
     * @throws BrokerException if it is a temporary queue that no longer exists, a topic, or the name of a
     *     topic subscription's queue (reached only through its topic, whose permissions guard it)
     */
    public MessageQueue pointToPointQueue(DestinationName destination) {
        if (!destination.type().isQueue()) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, destination + " is not a queue.");
        }
        if (destination.type() == DestinationType.TEMPORARY_QUEUE) {
            MessageQueue queue = queues.get(queueName(destination));
            if (queue == null) {
                throw deletedTemporary(destination);
            }
            return queue;
        }
        String name = queueName(destination);
        MessageQueue existing = queues.get(name);
        if (existing != null) {
            return plainQueue(existing, destination);
        }
        synchronized (this) {
            existing = queues.get(name);
            if (existing != null) {
                return plainQueue(existing, destination);
            }
            QueueRecord definition = QueueRecord.plainQueue(name);
            MessageQueue queue = new MessageQueue(definition, true, queueServices);
            queue.storedAfter(journal.addQueue(definition));
            return register(queue);
        }
    }

    private static MessageQueue plainQueue(MessageQueue queue, DestinationName destination) {
        if (queue.definition().topicSubscription()) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, destination + " is the queue of a subscription to "
                    + "topic " + queue.definition().address() + "; consume from it through that topic.");
        }
        return queue;
    }

    /**
     * Creates a topic subscription queue; a durable one is journaled in the background, see
     * {@link MessageQueue#stored()}.
     */
    public MessageQueue createSubscription(QueueRecord definition, boolean durable) {
        return bind(createUnbound(definition, durable));
    }

    /**
     * Creates a topic subscription queue that its topic does not route to until {@link #bind}. A durable
     * one is journaled without waiting: every unit that refers to it comes after its definition, and
     * {@link MessageQueue#stored()} tells when it is on disk. If it cannot be stored, it is removed again.
     */
    MessageQueue createUnbound(QueueRecord definition, boolean durable) {
        MessageQueue queue;
        synchronized (this) {
            if (queues.containsKey(definition.name())) {
                throw new BrokerException(ErrorCode.ILLEGAL_STATE,
                        "Subscription queue " + definition.name() + " already exists.");
            }
            queue = new MessageQueue(definition, durable, queueServices);
            queues.put(queue.name(), queue);
            added(queue);
        }
        if (durable) {
            CompletableFuture<Void> stored = journal.addQueue(definition);
            queue.storedAfter(stored);
            stored.whenComplete((done, failure) -> {
                if (failure != null) {
                    deleteQueue(queue);
                }
            });
        }
        return queue;
    }

    /** Makes a subscription queue made by {@link #createUnbound} receive what its topic routes from now on. */
    synchronized MessageQueue bind(MessageQueue subscription) {
        subscriptionsByTopic.computeIfAbsent(subscription.definition().address(), t -> new CopyOnWriteArrayList<>())
                .add(subscription);
        return subscription;
    }

    /**
     * What the access rules decide an operator's action on a queue by: a subscription's topic (as its
     * statistics are shown to those who administer the topic), else the queue itself, existing or not.
     */
    public DestinationName administeredAs(String queueName) {
        MessageQueue queue = queues.get(queueName);
        return queue != null && queue.definition().topicSubscription()
                ? new DestinationName(DestinationType.TOPIC, queue.definition().address())
                : DestinationName.queue(queueName);
    }

    /**
     * Pauses or resumes a queue. A durable queue's changed definition is journaled, under the monitor that
     * {@link #deleteQueue} takes the queue off with, so that it cannot reach the journal after the removal.
     *
     * @return completes once the change is on disk
     * @throws BrokerException INVALID_DESTINATION if the queue was deleted meanwhile
     */
    public CompletableFuture<Void> setPaused(MessageQueue queue, boolean paused) {
        synchronized (this) {
            if (queues.get(queue.name()) != queue) {
                throw new BrokerException(ErrorCode.INVALID_DESTINATION, "There is no queue " + queue.name() + ".");
            }
            queue.setPaused(paused);
            if (!queue.isDurable()) {
                return CompletableFuture.completedFuture(null);
            }
            return journal.addQueue(queue.definition()).whenComplete((stored, failure) -> {
                if (failure != null) {
                    queue.setPaused(!paused); // as the journal still has it
                }
            });
        }
    }

    /** Removes a queue with every message waiting on it; returns what was waiting, now discarded. */
    public List<MessageRef> deleteQueue(MessageQueue queue) {
        synchronized (this) {
            if (queues.remove(queue.name(), queue)) {
                lifecycles.forEach(listener -> listener.removed(queue));
            }
            if (queue.definition().topicSubscription()) {
                List<MessageQueue> subscriptions = subscriptionsByTopic.get(queue.definition().address());
                if (subscriptions != null) {
                    subscriptions.remove(queue);
                }
                retention.unbound(queue);
            }
        }
        List<MessageRef> removed = queue.delete();
        if (queue.isDurable()) {
            journal.removeQueue(queue.name());
        }
        journal.discard(removed);
        return removed;
    }

    /** The subscription queues bound to a topic address now, durable or not. */
    public List<MessageQueue> subscriptionsOf(String topicAddress) {
        List<MessageQueue> subscriptions = subscriptionsByTopic.get(topicAddress);
        return subscriptions == null ? List.of() : List.copyOf(subscriptions);
    }

    /**
     * Where a message sent to this destination goes: the queues of {@link #route}, and the log of a topic
     * that retains it.
     */
    public Journal.RoutedMessage routed(DestinationName destination, ServerMessage message) {
        List<MessageQueue> targets = route(destination, message);
        RetentionLog log = destination.type() == DestinationType.TOPIC
                ? retention.forPublish(topicAddress(destination))
                : null;
        return new Journal.RoutedMessage(message, targets, log);
    }

    /**
     * The queues a message sent to this destination lands on: the queue itself, or every subscription
     * of the topic that accepts it.
     */
    public List<MessageQueue> route(DestinationName destination, ServerMessage message) {
        if (destination.type().isQueue()) {
            return List.of(pointToPointQueue(destination));
        }
        if (destination.type() == DestinationType.TEMPORARY_TOPIC && !temporaryOwners.containsKey(destination)) {
            throw deletedTemporary(destination);
        }
        List<MessageQueue> subscriptions = subscriptionsByTopic.get(topicAddress(destination));
        if (subscriptions == null) {
            return List.of();
        }
        List<MessageQueue> targets = new ArrayList<>(subscriptions.size());
        for (MessageQueue subscription : subscriptions) {
            if (subscription.accepts(message)) {
                targets.add(subscription);
            }
        }
        return targets;
    }

    /** Registers a temporary destination owned by a connection; a temporary queue gets its queue. */
    public void createTemporary(DestinationName destination, long ownerConnectionId) {
        if (!destination.type().isTemporary()) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, destination + " is not temporary.");
        }
        if (temporaryOwners.putIfAbsent(destination, ownerConnectionId) != null) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, destination + " already exists.");
        }
        if (destination.type() == DestinationType.TEMPORARY_QUEUE) {
            MessageQueue queue = new MessageQueue(QueueRecord.plainQueue(queueName(destination)), false, queueServices);
            if (queues.putIfAbsent(queue.name(), queue) != null) {
                temporaryOwners.remove(destination);
                throw new BrokerException(ErrorCode.INVALID_DESTINATION, destination + " already exists.");
            }
            added(queue);
        }
    }

    /** The connection that owns a temporary destination. */
    public long temporaryOwner(DestinationName destination) {
        Long owner = temporaryOwners.get(destination);
        if (owner == null) {
            throw deletedTemporary(destination);
        }
        return owner;
    }

    /**
     * Deletes a temporary destination and what waits on it.
     *
     * @throws BrokerException if it still has consumers
     */
    public void deleteTemporary(DestinationName destination) {
        temporaryOwner(destination);
        if (destination.type() == DestinationType.TEMPORARY_QUEUE) {
            MessageQueue queue = queues.get(queueName(destination));
            if (queue != null && queue.consumerCount() > 0) {
                throw inUse(destination);
            }
            if (queue != null) {
                deleteQueue(queue);
            }
        } else {
            List<MessageQueue> subscriptions = subscriptionsByTopic.get(topicAddress(destination));
            if (subscriptions != null && !subscriptions.isEmpty()) {
                throw inUse(destination);
            }
        }
        temporaryOwners.remove(destination);
    }

    /**
     * The name of the queue behind a point-to-point destination.
     *
     * @throws BrokerException INVALID_DESTINATION for a plain queue whose name has the temporary prefix
     */
    public static String queueName(DestinationName destination) {
        return internalName(destination, DestinationType.TEMPORARY_QUEUE);
    }

    /**
     * The address under which a topic's subscriptions are bound.
     *
     * @throws BrokerException INVALID_DESTINATION for a plain topic whose name has the temporary prefix
     */
    public static String topicAddress(DestinationName topic) {
        return internalName(topic, DestinationType.TEMPORARY_TOPIC);
    }

    private static String internalName(DestinationName destination, DestinationType temporaryType) {
        if (destination.type() == temporaryType) {
            return DestinationName.TEMPORARY_PREFIX + destination.name();
        }
        if (destination.name().startsWith(DestinationName.TEMPORARY_PREFIX)) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, destination + ": names starting with '"
                    + DestinationName.TEMPORARY_PREFIX + "' are reserved for temporary destinations; "
                    + "use a temporary destination object (JMSReplyTo) or another name.");
        }
        return destination.name();
    }

    private MessageQueue register(MessageQueue queue) {
        queues.put(queue.name(), queue);
        added(queue);
        if (queue.definition().topicSubscription()) {
            subscriptionsByTopic.computeIfAbsent(queue.definition().address(), t -> new CopyOnWriteArrayList<>())
                    .add(queue);
        }
        return queue;
    }

    private static BrokerException deletedTemporary(DestinationName destination) {
        return new BrokerException(ErrorCode.INVALID_DESTINATION, "Temporary destination " + destination
                + " does not exist; it was deleted or its connection closed.");
    }

    private static BrokerException inUse(DestinationName destination) {
        return new BrokerException(ErrorCode.ILLEGAL_STATE, "Temporary destination " + destination
                + " still has consumers; close them before deleting it.");
    }
}
