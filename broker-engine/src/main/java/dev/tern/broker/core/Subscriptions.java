package dev.tern.broker.core;

import dev.tern.broker.BrokerException;
import dev.tern.broker.store.QueueRecord;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.ErrorCode;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic subscriptions: finds or creates the queue a topic consumer reads from, enforcing the JMS rules
 * for durable, shared and unshared subscriptions, and deletes subscriptions that end with their
 * consumers.
 *
 * <p>Durable and shared subscriptions share one namespace per client ID, as the specification asks:
 * their queue is named {@code sub:CLIENTID:NAME}. An unshared non-durable subscription gets a private
 * queue that lives as long as its consumer.
 *
 * <p>A consumer whose spec asks to replay creates its subscription filled from the topic's
 * {@link RetentionLog} by the {@link Replayer}. On an existing subscription without consumers, a replay
 * replaces what the subscription holds: it is deleted with its messages and created again, filled from
 * the start point. A consumer joining a shared subscription that has consumers replays nothing.
 */
public final class Subscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    private final PostOffice postOffice;

    public Subscriptions(PostOffice postOffice) {
        this.postOffice = postOffice;
    }

    /**
     * The queue a new topic consumer reads from, with the consumer already attached to it.
     *
     * @param clientId the connection's client ID, or null
     * @param connectionId the consumer's connection, for no-local and temporary topic checks
     * @param permissions asked before a durable subscription is created or replaced
     */
    public synchronized MessageQueue attach(ConsumerSpec spec, String clientId, long connectionId, QueueConsumer consumer,
            SubscriptionPermissions permissions) {
        if (spec.destination().type() == DestinationType.TEMPORARY_TOPIC
                && postOffice.temporaryOwner(spec.destination()) != connectionId) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "Temporary topic " + spec.destination().name()
                    + " belongs to another connection; only the connection that created it may consume from it.");
        }
        MessageQueue queue = spec.subscriptionName() == null
                ? createPrivate(spec, connectionId)
                : findOrCreateNamed(spec, clientId, connectionId, permissions);
        if (spec.noLocal()) {
            queue.setLocalConnection(connectionId);
        }
        queue.addConsumer(consumer);
        return queue;
    }

    /** Detaches a consumer; a subscription that lives only while it has consumers is deleted. */
    public synchronized void detach(MessageQueue queue, QueueConsumer consumer) {
        queue.removeConsumer(consumer);
        if (queue.definition().topicSubscription() && !queue.isDurable() && queue.consumerCount() == 0) {
            postOffice.deleteQueue(queue);
        }
    }

    /**
     * Deletes a durable subscription.
     *
     * @param permissions asked before the subscription is deleted
     * @throws BrokerException INVALID_DESTINATION if there is none by that name, ILLEGAL_STATE if it has
     *     an active consumer
     */
    public synchronized void unsubscribe(String clientId, String name, SubscriptionPermissions permissions) {
        MessageQueue queue = postOffice.queue(queueName(clientId, name));
        if (queue == null || !queue.isDurable()) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "There is no durable subscription named '"
                    + name + "' for client ID " + (clientId == null ? "(none)" : "'" + clientId + "'") + ".");
        }
        permissions.checkMayDeleteDurable(queue.definition().address());
        if (queue.consumerCount() > 0) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "Durable subscription '" + name
                    + "' has an active consumer; close it before unsubscribing.");
        }
        postOffice.deleteQueue(queue);
    }

    /**
     * Deletes every subscription of a topic, durable ones included, with the messages they hold.
     *
     * @return how many subscriptions were deleted
     * @throws BrokerException ILLEGAL_STATE, deleting nothing, if a subscription has a consumer
     */
    public synchronized int deleteAll(String topicAddress) {
        List<MessageQueue> subscriptions = postOffice.subscriptionsOf(topicAddress);
        for (MessageQueue queue : subscriptions) {
            if (queue.consumerCount() > 0) {
                throw new BrokerException(ErrorCode.ILLEGAL_STATE, "Topic " + topicAddress + " has an active consumer on "
                        + "subscription queue " + queue.name() + "; close it before deleting the topic.");
            }
        }
        subscriptions.forEach(postOffice::deleteQueue);
        return subscriptions.size();
    }

    private MessageQueue createPrivate(ConsumerSpec spec, long connectionId) {
        String address = PostOffice.topicAddress(spec.destination());
        QueueRecord definition = new QueueRecord("sub:" + UUID.randomUUID(), address, true,
                spec.selector(), spec.noLocal(), null, null, false);
        return create(definition, false, planReplay(spec), connectionId);
    }

    /** What a replay asked for by the spec will copy, checked before anything changes; null for no replay. */
    private Replayer.Plan planReplay(ConsumerSpec spec) {
        if (spec.replayFrom() == null) {
            return null;
        }
        RetentionLog log = postOffice.retention().forReplay(PostOffice.topicAddress(spec.destination()));
        return postOffice.replayer().plan(log, spec.replayFrom());
    }

    private MessageQueue create(QueueRecord definition, boolean durable, Replayer.Plan replay, long connectionId) {
        if (replay == null) {
            return postOffice.createSubscription(definition, durable);
        }
        MessageQueue queue = postOffice.createUnbound(definition, durable);
        if (definition.noLocal()) {
            queue.setLocalConnection(connectionId);
        }
        try {
            postOffice.replayer().replayAndBind(replay, queue);
        } catch (RuntimeException e) {
            postOffice.deleteQueue(queue);
            throw e;
        }
        LOG.debug("Subscription {} replays {} retained messages from {}", definition.name(), queue.messageCount(),
                replay.from());
        return queue;
    }

    private MessageQueue findOrCreateNamed(ConsumerSpec spec, String clientId, long connectionId,
            SubscriptionPermissions permissions) {
        if (spec.durable() && !spec.shared() && clientId == null) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "An unshared durable subscription needs a client ID; "
                    + "call Connection.setClientID or configure clientID on the connection factory.");
        }
        String name = queueName(clientId, spec.subscriptionName());
        QueueRecord wanted = new QueueRecord(name, PostOffice.topicAddress(spec.destination()), true,
                spec.selector(), spec.noLocal(), clientId, spec.subscriptionName(), spec.shared());
        MessageQueue existing = postOffice.queue(name);
        if (existing != null) {
            checkCompatible(existing, spec);
            boolean replaces = spec.replayFrom() != null && existing.consumerCount() == 0;
            if (sameSubscription(existing.definition(), wanted) && !replaces) {
                if (spec.replayFrom() != null) {
                    LOG.debug("Subscription {} has consumers; a consumer joining it replays nothing", name);
                }
                return existing;
            }
            if (existing.consumerCount() > 0) {
                throw new BrokerException(ErrorCode.ILLEGAL_STATE, "Subscription '" + spec.subscriptionName()
                        + "' is active with a different topic or selector; close its consumers first.");
            }
            if (existing.isDurable()) {
                permissions.checkMayDeleteDurable(existing.definition().address());
            }
            if (spec.durable()) {
                permissions.checkMayCreateDurable(wanted.address());
            }
            Replayer.Plan replay = planReplay(spec);
            postOffice.deleteQueue(existing);
            return create(wanted, spec.durable(), replay, connectionId);
        }
        if (spec.durable()) {
            permissions.checkMayCreateDurable(wanted.address());
        }
        return create(wanted, spec.durable(), planReplay(spec), connectionId);
    }

    private static void checkCompatible(MessageQueue existing, ConsumerSpec spec) {
        QueueRecord current = existing.definition();
        String name = spec.subscriptionName();
        if (existing.isDurable() != spec.durable()) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "Subscription '" + name + "' already exists as a "
                    + (existing.isDurable() ? "durable" : "non-durable shared") + " subscription; "
                    + "durable and shared non-durable subscriptions cannot share a name.");
        }
        if (current.shared() != spec.shared()) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "Subscription '" + name + "' already exists as "
                    + (current.shared() ? "a shared" : "an unshared") + " subscription.");
        }
        if (!spec.shared() && existing.consumerCount() > 0) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "Durable subscription '" + name
                    + "' already has an active consumer; an unshared subscription allows only one.");
        }
    }

    private static boolean sameSubscription(QueueRecord a, QueueRecord b) {
        return a.address().equals(b.address()) && Objects.equals(a.selector(), b.selector())
                && a.noLocal() == b.noLocal();
    }

    private static String queueName(String clientId, String subscriptionName) {
        return "sub:" + (clientId == null ? "" : clientId) + ":" + subscriptionName;
    }
}
