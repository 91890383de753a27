package dev.tern.protocol;

import java.util.Objects;

/**
 * One destination policy setting as the broker reports it: the value an address pattern sets, or, with
 * no pattern, the broker's default.
 *
 * @param pattern the address pattern, such as {@code orders.>}; null for the default
 * @param setting the setting's name, such as {@code maxDeliveryAttempts}
 * @param value the value in its text form
 */
public record PolicyEntry(String pattern, String setting, String value) {

    public PolicyEntry {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(value, "value");
    }

    /** True for a broker default rather than a configured value. */
    public boolean isDefault() {
        return pattern == null;
    }
}
