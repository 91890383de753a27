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

    /** All of them, by name. */
    static final Map<String, PolicySetting<?>> BY_NAME = List.<PolicySetting<?>>of(
                    MAX_BYTES, MAX_MESSAGES, FULL_POLICY, BLOCK_TIMEOUT_MILLIS,
                    DUPLICATE_ID_WINDOW, DUPLICATE_ID_WINDOW_MILLIS, EXCLUSIVE)
            .stream().collect(Collectors.toUnmodifiableMap(PolicySetting::name, Function.identity()));

    private PolicySettings() {
    }

    /**
     * The setting with this name.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    static PolicySetting<?> named(String name) {
        PolicySetting<?> setting = BY_NAME.get(name);
        if (setting == null) {
            throw new IllegalArgumentException("Unknown policy setting '" + name + "'; known settings are "
                    + String.join(", ", BY_NAME.keySet().stream().sorted().toList()) + ".");
        }
        return setting;
    }
}
