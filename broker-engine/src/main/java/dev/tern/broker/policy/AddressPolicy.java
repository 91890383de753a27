package dev.tern.broker.policy;

import java.util.Map;

/**
 * The settings that apply to one destination: what the matching {@link AddressPolicies} entries set,
 * the most specific winning, and the {@linkplain PolicySetting#defaultValue() default} for the rest.
 */
public final class AddressPolicy {

    /** Every setting at its default. */
    public static final AddressPolicy DEFAULTS = new AddressPolicy(Map.of());

    private final Map<PolicySetting<?>, Object> values;

    AddressPolicy(Map<PolicySetting<?>, Object> values) {
        this.values = Map.copyOf(values);
    }

    /** The value of a setting for this destination. */
    @SuppressWarnings("unchecked")
    public <T> T get(PolicySetting<T> setting) {
        Object value = values.get(setting);
        return value == null ? setting.defaultValue() : (T) value;
    }

    @Override
    public String toString() {
        return "policy" + values;
    }
}
