package dev.tern.broker.policy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The broker's per-destination policies: settings attached to {@linkplain AddressPattern address
 * patterns}. A destination gets every setting from the most specific pattern that sets it, and the
 * default where none does; for a topic subscription the address is the topic's name.
 *
 * <p>Immutable: a change makes a new instance, which the broker swaps in.
 */
public final class AddressPolicies {

    /** No policy at all: every destination has the defaults. */
    public static final AddressPolicies NONE = new AddressPolicies(new TreeMap<>(AddressPattern.SPECIFIC_LAST));

    private final TreeMap<AddressPattern, Map<PolicySetting<?>, Object>> entries;

    private AddressPolicies(TreeMap<AddressPattern, Map<PolicySetting<?>, Object>> entries) {
        this.entries = entries;
    }

    /**
     * Policies from {@code <pattern>.<setting>=<value>} pairs, as they appear after the {@code policy.}
     * prefix in a configuration file or a {@code vm://} URL: {@code orders.>.maxBytes=10MB}.
     *
     * @throws IllegalArgumentException naming a bad key or value
     */
    public static AddressPolicies fromOptions(Map<String, String> options) {
        AddressPolicies policies = NONE;
        for (Map.Entry<String, String> option : options.entrySet()) {
            String key = option.getKey();
            int dot = key.lastIndexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new IllegalArgumentException("Policy key 'policy." + key
                        + "' must be policy.<address pattern>.<setting>, for example policy.orders.>.maxBytes");
            }
            policies = policies.with(key.substring(0, dot), key.substring(dot + 1), option.getValue());
        }
        return policies;
    }

    /**
     * These policies with one setting changed.
     *
     * @throws IllegalArgumentException for a bad pattern, an unknown setting or a bad value
     */
    public AddressPolicies with(String pattern, String settingName, String value) {
        AddressPattern addressPattern = new AddressPattern(pattern);
        PolicySetting<?> setting = PolicySettings.named(settingName);
        Object parsed = setting.parse(value);
        TreeMap<AddressPattern, Map<PolicySetting<?>, Object>> copy = new TreeMap<>(AddressPattern.SPECIFIC_LAST);
        entries.forEach((key, settings) -> copy.put(key, new LinkedHashMap<>(settings)));
        copy.computeIfAbsent(addressPattern, key -> new LinkedHashMap<>()).put(setting, parsed);
        return new AddressPolicies(copy);
    }

    /** The settings that apply to a destination name. */
    public AddressPolicy forAddress(String address) {
        if (entries.isEmpty()) {
            return AddressPolicy.DEFAULTS;
        }
        Map<PolicySetting<?>, Object> merged = new HashMap<>();
        entries.forEach((pattern, settings) -> {
            if (pattern.matches(address)) {
                merged.putAll(settings);
            }
        });
        return new AddressPolicy(merged);
    }

    /** The configured entries in text form, {@code pattern.setting -> value}, most general first. */
    public Map<String, String> describe() {
        Map<String, String> described = new LinkedHashMap<>();
        entries.forEach((pattern, settings) -> settings.forEach(
                (setting, value) -> described.put(pattern + "." + setting.name(), String.valueOf(value))));
        return described;
    }

    @Override
    public String toString() {
        return "policies" + describe();
    }
}
