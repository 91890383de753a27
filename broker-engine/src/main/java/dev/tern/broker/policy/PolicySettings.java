package dev.tern.broker.policy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting an {@link AddressPolicy} can carry. The README's "Destination policies" section
 * documents them for users; keep the two in step.
 */
public final class PolicySettings {

    /**
     * The most bytes of messages a queue may hold waiting for consumers, in memory; -1 for no limit.
     * With {@link FullPolicy#PAGE}, more may wait on disk.
     */
    public static final PolicySetting<Long> MAX_BYTES = PolicySetting.limit("maxBytes", 10L << 20);

    /** The most messages a queue may hold waiting for consumers; -1 for no limit. */
    public static final PolicySetting<Long> MAX_MESSAGES = PolicySetting.limit("maxMessages", -1);

    /** What a send to a full queue does. */
    public static final PolicySetting<FullPolicy> FULL_POLICY =
            PolicySetting.choice("fullPolicy", FullPolicy.PAGE, FullPolicy.class);

    /**
     * How long a {@link FullPolicy#BLOCK blocked} send waits for room before it fails. Keep it below the
     * clients' {@code jms.requestTimeout} (30 s by default), or the client gives up first.
     */
    public static final PolicySetting<Long> BLOCK_TIMEOUT_MILLIS = PolicySetting.millis("blockTimeoutMillis", 10_000);

    /**
     * How many duplicate IDs a destination remembers, the most recent ones; 0 turns duplicate detection
     * off. See {@code docs/delivery-guarantees.md}.
     */
    public static final PolicySetting<Integer> DUPLICATE_ID_WINDOW = PolicySetting.count("duplicateIdWindow", 2_000);

    /**
     * How long a destination remembers a duplicate ID, in milliseconds of the broker's clock; 0 for as
     * long as it is among the {@link #DUPLICATE_ID_WINDOW} most recent.
     */
    public static final PolicySetting<Long> DUPLICATE_ID_WINDOW_MILLIS =
            PolicySetting.millis("duplicateIdWindowMillis", 0);

    /** One consumer of a queue or subscription receives everything; the others stand by. */
    public static final PolicySetting<Boolean> EXCLUSIVE = PolicySetting.flag("exclusive", false);

    /**
     * How long a message that was rolled back or recovered waits before it is delivered again; 0 for
     * at once. Other messages of the queue are delivered meanwhile.
     */
    public static final PolicySetting<Long> REDELIVERY_DELAY_MILLIS = PolicySetting.millis("redeliveryDelayMillis", 0);

    /** The factor by which the redelivery delay grows with each further redelivery; 1.0 keeps it constant. */
    public static final PolicySetting<Double> REDELIVERY_MULTIPLIER = PolicySetting.factor("redeliveryMultiplier", 1.0);

    /** The longest redelivery delay the multiplier may reach; -1 for ten times {@code redeliveryDelayMillis}. */
    public static final PolicySetting<Long> MAX_REDELIVERY_DELAY_MILLIS =
            PolicySetting.millisOrDerived("maxRedeliveryDelayMillis");

    /**
     * How many times a message is delivered without being acknowledged before it moves to the dead-letter
     * queue; -1 for no limit.
     */
    public static final PolicySetting<Integer> MAX_DELIVERY_ATTEMPTS = PolicySetting.attempts("maxDeliveryAttempts", 10);

    /** The queue that takes messages out of delivery attempts; empty to drop them instead. */
    public static final PolicySetting<String> DEAD_LETTER_QUEUE = PolicySetting.queueName("deadLetterQueue", "DLQ");

    /** The queue that takes messages whose time-to-live ran out; empty to drop them instead. */
    public static final PolicySetting<String> EXPIRY_QUEUE = PolicySetting.queueName("expiryQueue", "ExpiryQueue");

    /**
     * How long a delivered message may stay unacknowledged before the broker takes it back and delivers it
     * to another consumer, as redelivered; 0 for never (the default).
     */
    public static final PolicySetting<Long> VISIBILITY_TIMEOUT_MILLIS = PolicySetting.millis("visibilityTimeoutMillis", 0);

    /**
     * How long a topic keeps the messages published to it after every subscription has them, for
     * replay: 0 keeps none (retention off, the default), -1 keeps them for ever, within
     * {@link #RETENTION_BYTES} and {@link #RETENTION_MESSAGES}.
     */
    public static final PolicySetting<Long> RETENTION_MILLIS = PolicySetting.millisOrForever("retentionMillis", 0);

    /** The most bytes of messages a topic retains, the oldest going first; -1 for no limit. */
    public static final PolicySetting<Long> RETENTION_BYTES = PolicySetting.limit("retentionBytes", -1);

    /** The most messages a topic retains, the oldest going first; -1 for no limit. */
    public static final PolicySetting<Long> RETENTION_MESSAGES = PolicySetting.limit("retentionMessages", -1);

    /** All of them, by name. */
    static final Map<String, PolicySetting<?>> BY_NAME = List.<PolicySetting<?>>of(
                    MAX_BYTES, MAX_MESSAGES, FULL_POLICY, BLOCK_TIMEOUT_MILLIS,
                    DUPLICATE_ID_WINDOW, DUPLICATE_ID_WINDOW_MILLIS, EXCLUSIVE, REDELIVERY_DELAY_MILLIS,
                    REDELIVERY_MULTIPLIER, MAX_REDELIVERY_DELAY_MILLIS, MAX_DELIVERY_ATTEMPTS, DEAD_LETTER_QUEUE,
                    EXPIRY_QUEUE, VISIBILITY_TIMEOUT_MILLIS, RETENTION_MILLIS, RETENTION_BYTES, RETENTION_MESSAGES)
            .stream().collect(Collectors.toUnmodifiableMap(PolicySetting::name, Function.identity()));

    private PolicySettings() {
    }

    /** Every setting, sorted by name. */
    public static List<PolicySetting<?>> all() {
        return BY_NAME.values().stream().sorted(java.util.Comparator.comparing(PolicySetting::name)).toList();
    }

    /**
     * The setting with this name.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    /** True for a known setting whose value names a queue that messages are moved to (dead letters, expired ones). */
    public static boolean namesQueue(String name) {
        return DEAD_LETTER_QUEUE.name().equals(name) || EXPIRY_QUEUE.name().equals(name);
    }

    static PolicySetting<?> named(String name) {
        PolicySetting<?> setting = BY_NAME.get(name);
        if (setting == null) {
            throw new IllegalArgumentException("Unknown policy setting '" + name + "'; known settings are "
                    + String.join(", ", BY_NAME.keySet().stream().sorted().toList()) + ".");
        }
        return setting;
    }
}
