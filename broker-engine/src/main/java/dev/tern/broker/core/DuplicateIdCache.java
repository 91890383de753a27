package dev.tern.broker.core;

import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.policy.AddressPolicy;
import dev.tern.broker.policy.PolicySettings;
import dev.tern.broker.store.StoreOp;
import dev.tern.broker.store.StoredState.StoredDuplicateId;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.MessageRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duplicate IDs each destination remembers, so that a message sent again with the same ID is
 * accepted but not enqueued again.
 *
 * <p>A producer names a message's duplicate ID in the {@value #PROPERTY} property, or in Artemis's
 * {@value #ARTEMIS_PROPERTY} for code written for Artemis; when both are set, {@value #PROPERTY} wins.
 * Values are compared as text. Each destination keeps its {@link PolicySettings#DUPLICATE_ID_WINDOW}
 * most recent IDs, and with {@link PolicySettings#DUPLICATE_ID_WINDOW_MILLIS} only those younger than
 * that; a window of 0 turns detection off for the destination.
 *
 * <p>{@link #admit} runs inside the {@link Journal}'s unit building, so the store sees IDs taken and
 * forgotten in the order they were here. The ID of a persistent message on a lasting destination is
 * journaled in the message's own unit; so are the IDs the window forgets to make room. A duplicate
 * is answered when its original's unit is durable, and if that unit fails the ID is free again.
 */
public final class DuplicateIdCache {

    /** The message property that carries a duplicate ID. */
    public static final String PROPERTY = "TernDuplicateId";

    /** Artemis's duplicate ID property, honoured too. */
    public static final String ARTEMIS_PROPERTY = "_AMQ_DUPL_ID";

    private static final Logger LOG = LoggerFactory.getLogger(DuplicateIdCache.class);
    private static final String QUEUE_PREFIX = "queue://";
    private static final String TOPIC_PREFIX = "topic://";

    private final LongSupplier now;
    private final Supplier<AddressPolicies> policies;
    private final Map<DestinationName, LinkedHashMap<String, Entry>> windows = new HashMap<>();
    private long nextSequence = 1;

    /**
     * @param now the broker's clock, in epoch milliseconds
     * @param policies the destination policies in force
     */
    public DuplicateIdCache(LongSupplier now, Supplier<AddressPolicies> policies) {
        this.now = now;
        this.policies = policies;
    }

    /** One remembered ID; {@code stored} completes when the unit that took it is durable. */
    private record Entry(String id, long sequence, long addedAt, boolean journaled, CompletableFuture<Void> stored) {
    }

    /** What {@link #admit} decided about one message. */
    public static final class Admission {

        private static final Admission UNTRACKED = new Admission(null, null, null, false);

        private final DuplicateIdCache cache;
        private final DestinationName address;
        private final Entry entry;
        private final boolean duplicate;

        private Admission(DuplicateIdCache cache, DestinationName address, Entry entry, boolean duplicate) {
            this.cache = cache;
            this.address = address;
            this.entry = entry;
            this.duplicate = duplicate;
        }

        /** True if the message repeats a remembered ID and must not be enqueued. */
        public boolean isDuplicate() {
            return duplicate;
        }

        /** For a duplicate: completes when the original is durable, or fails if it could not be stored. */
        public CompletableFuture<Void> original() {
            return entry.stored();
        }

        /** For a message that took its ID: ties the ID to the outcome of the unit that carries the message. */
        public void settle(CompletableFuture<Void> unit) {
            if (entry == null || duplicate) {
                return;
            }
            unit.whenComplete((ok, failure) -> {
                if (failure == null) {
                    entry.stored().complete(null);
                } else {
                    cache.forget(address, entry);
                    entry.stored().completeExceptionally(failure);
                }
            });
        }
    }

    /** The duplicate ID a message carries, or null. */
    public static String duplicateIdOf(MessageRecord record) {
        Object value = record.properties().get(PROPERTY);
        if (value == null) {
            value = record.properties().get(ARTEMIS_PROPERTY);
        }
        return value == null ? null : String.valueOf(value);
    }

    /**
     * Takes the message's duplicate ID for its destination, or finds that it is already taken. Adds the
     * store operations the decision needs to {@code unit}.
     */
    public synchronized Admission admit(ServerMessage message, List<StoreOp> unit) {
        MessageRecord record = message.record();
        String id = duplicateIdOf(record);
        if (id == null) {
            return Admission.UNTRACKED;
        }
        DestinationName address = record.destination();
        AddressPolicy policy = policies.get().forAddress(address.name());
        int windowSize = policy.get(PolicySettings.DUPLICATE_ID_WINDOW);
        if (windowSize == 0) {
            return Admission.UNTRACKED;
        }
        long time = now.getAsLong();
        LinkedHashMap<String, Entry> window = windows.computeIfAbsent(address, a -> new LinkedHashMap<>());
        trim(address, window, windowSize, policy.get(PolicySettings.DUPLICATE_ID_WINDOW_MILLIS), time, unit);
        Entry existing = window.get(id);
        if (existing != null) {
            LOG.debug("Message {} to {} repeats duplicate ID '{}'; accepted, not enqueued",
                    record.messageId(), address, id);
            return new Admission(this, address, existing, true);
        }
        boolean journaled = record.persistent() && !address.type().isTemporary();
        Entry entry = new Entry(id, nextSequence++, time, journaled, new CompletableFuture<>());
        window.put(id, entry);
        if (journaled) {
            unit.add(new StoreOp.AddDuplicateId(addressKey(address), id, entry.sequence(), time));
        }
        trim(address, window, windowSize, 0, time, unit);
        return new Admission(this, address, entry, false);
    }

    /**
     * Restores the IDs read from the store at start-up, in sequence order.
     *
     * @return the removals of IDs the current policies no longer keep, to apply to the store
     */
    public synchronized List<StoreOp> restore(List<StoredDuplicateId> stored) {
        for (StoredDuplicateId id : stored) {
            DestinationName address = addressOf(id.address());
            if (address == null) {
                continue;
            }
            windows.computeIfAbsent(address, a -> new LinkedHashMap<>()).put(id.duplicateId(), new Entry(
                    id.duplicateId(), id.sequence(), id.addedAt(), true, CompletableFuture.completedFuture(null)));
            nextSequence = Math.max(nextSequence, id.sequence() + 1);
        }
        List<StoreOp> removals = new ArrayList<>();
        long time = now.getAsLong();
        windows.forEach((address, window) -> {
            AddressPolicy policy = policies.get().forAddress(address.name());
            trim(address, window, policy.get(PolicySettings.DUPLICATE_ID_WINDOW),
                    policy.get(PolicySettings.DUPLICATE_ID_WINDOW_MILLIS), time, removals);
        });
        windows.values().removeIf(Map::isEmpty);
        return removals;
    }

    /** How many IDs the destination remembers now. */
    public synchronized int size(DestinationName address) {
        Map<String, Entry> window = windows.get(address);
        return window == null ? 0 : window.size();
    }

    /** Forgets the oldest IDs beyond the window's size, and with a time span, those older than it. */
    private void trim(DestinationName address, LinkedHashMap<String, Entry> window, int size, long spanMillis,
            long time, List<StoreOp> removals) {
        Iterator<Entry> oldestFirst = window.values().iterator();
        while (oldestFirst.hasNext()) {
            Entry oldest = oldestFirst.next();
            boolean tooMany = window.size() > size;
            boolean tooOld = spanMillis > 0 && oldest.addedAt() <= time - spanMillis;
            if (!tooMany && !tooOld) {
                return;
            }
            oldestFirst.remove();
            if (oldest.journaled()) {
                removals.add(new StoreOp.RemoveDuplicateId(addressKey(address), oldest.id(), oldest.sequence()));
            }
        }
    }

    private synchronized void forget(DestinationName address, Entry entry) {
        Map<String, Entry> window = windows.get(address);
        if (window != null) {
            window.remove(entry.id(), entry);
        }
    }

    /** The address as the store keeps it. */
    static String addressKey(DestinationName address) {
        return (address.type().isQueue() ? QUEUE_PREFIX : TOPIC_PREFIX) + address.name();
    }

    private static DestinationName addressOf(String key) {
        if (key.startsWith(QUEUE_PREFIX)) {
            return new DestinationName(DestinationType.QUEUE, key.substring(QUEUE_PREFIX.length()));
        }
        if (key.startsWith(TOPIC_PREFIX)) {
            return new DestinationName(DestinationType.TOPIC, key.substring(TOPIC_PREFIX.length()));
        }
        LOG.warn("Ignoring stored duplicate ID for unknown address form '{}'", key);
        return null;
    }
}
