package dev.tern.broker.core;

import dev.tern.broker.BrokerException;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.policy.CachedPolicy;
import dev.tern.broker.policy.PolicySettings;
import dev.tern.broker.store.QueueRecord;
import dev.tern.broker.store.StoreOp;
import dev.tern.broker.store.StoredState;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.ErrorCode;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RetentionLog}s of a broker's topics: creates a topic's log when its policy turns retention
 * on and a message is published, trims every log on the broker's periodic sweep, and restores logs from
 * the journal at start-up. Temporary topics retain nothing.
 */
public final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final int RESTORE_BATCH = 512;

    private final Journal journal;
    private final QueueServices services;
    private final Map<String, RetentionLog> logs = new ConcurrentHashMap<>();
    private volatile RetainsCache retains = new RetainsCache(null, Map.of());

    /** Whether each topic address retains under one set of policies; replaced when they change. */
    private record RetainsCache(AddressPolicies from, Map<String, Boolean> byAddress) {
    }

    Retention(Journal journal, QueueServices services) {
        this.journal = journal;
        this.services = services;
    }

    /** True if a journal queue is a topic's retention log rather than a queue or subscription. */
    public static boolean isRetentionQueue(String queueName) {
        return queueName.startsWith(RetentionLog.QUEUE_PREFIX);
    }

    /** The log a message published to a topic is retained in now, created if needed; null if retention is off. */
    RetentionLog forPublish(String topicAddress) {
        if (!retains(topicAddress)) {
            return null;
        }
        RetentionLog log = logs.get(topicAddress);
        return log != null ? log : create(topicAddress);
    }

    /**
     * The log a subscription replays from.
     *
     * @throws BrokerException INVALID_ARGUMENT if the topic retains nothing and never did since start-up
     */
    RetentionLog forReplay(String topicAddress) {
        RetentionLog log = logs.get(topicAddress);
        if (log != null) {
            return log;
        }
        if (!retains(topicAddress)) {
            throw new BrokerException(ErrorCode.INVALID_ARGUMENT, "Topic " + topicAddress + " retains no messages to "
                    + "replay; set its retentionMillis policy to keep them (see \"Retention and replay\").");
        }
        return create(topicAddress);
    }

    /** The log of a topic, if it has one. */
    public RetentionLog existing(String topicAddress) {
        return logs.get(topicAddress);
    }

    /** Every log. */
    public Collection<RetentionLog> logs() {
        return logs.values();
    }

    /** Drops what the policy no longer keeps, in every log; the broker's sweep calls this. */
    public void sweep() {
        long now = services.timer().now();
        for (RetentionLog log : logs.values()) {
            journal.exclusively(() -> journal.apply(log.trim(now)));
        }
    }

    /** Forgets a topic's retained messages, journal entries included. */
    public void delete(String topicAddress) {
        RetentionLog log = logs.remove(topicAddress);
        if (log != null) {
            journal.removeQueue(log.queueName());
        }
    }

    /** A subscription queue is gone: it no longer takes late messages from its topic's log. */
    void unbound(MessageQueue queue) {
        RetentionLog log = logs.get(queue.definition().address());
        if (log != null) {
            log.removeReplaySubscriber(queue);
        }
    }

    /**
     * At start-up: rebuilds a topic's log from the messages its journal queue references, reading them back
     * in batches for their times and sizes; what the policy no longer keeps is trimmed at once.
     */
    public void restore(QueueRecord definition, long[] messageIds) {
        RetentionLog log = newLog(definition.address());
        long now = services.timer().now();
        for (int from = 0; from < messageIds.length; from += RESTORE_BATCH) {
            long[] batch = Arrays.copyOfRange(messageIds, from, Math.min(messageIds.length, from + RESTORE_BATCH));
            for (StoredState.PagedMessage stored : journal.readStored(definition.name(), batch)) {
                ServerMessage message = new ServerMessage(stored.messageId(), stored.message(), 0);
                message.markStored();
                log.restore(message, now);
            }
        }
        logs.put(definition.address(), log);
        List<StoreOp> trimmed = log.trim(now);
        journal.apply(trimmed).join();
        LOG.info("Topic {} retains {} messages from the journal", definition.address(), log.count());
    }

    private boolean retains(String topicAddress) {
        AddressPolicies current = services.policies().get();
        RetainsCache cache = retains;
        if (cache.from() != current) {
            cache = new RetainsCache(current, new ConcurrentHashMap<>());
            retains = cache;
        }
        return cache.byAddress().computeIfAbsent(topicAddress, address -> !address.startsWith(DestinationName.TEMPORARY_PREFIX)
                && current.forAddress(address).get(PolicySettings.RETENTION_MILLIS) != 0);
    }

    private synchronized RetentionLog create(String topicAddress) {
        RetentionLog log = logs.get(topicAddress);
        if (log == null) {
            log = newLog(topicAddress);
            // Not waited for: every unit that refers to the log's queue comes after its definition.
            journal.addQueue(new QueueRecord(log.queueName(), topicAddress, false, null, false, null, null, false));
            logs.put(topicAddress, log);
            LOG.debug("Topic {} retains messages from now on", topicAddress);
        }
        return log;
    }

    private RetentionLog newLog(String topicAddress) {
        return new RetentionLog(topicAddress, journal.pagesToDisk(),
                new CachedPolicy(services.policies(), topicAddress));
    }
}
