package dev.tern.broker.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings of duplicate detection and exclusive queues: defaults, parsing, and what they reject. */
class OrderingPolicySettingsTest {

    @Test
    void defaults() {
        AddressPolicy policy = AddressPolicies.NONE.forAddress("orders");
        assertThat(policy.get(PolicySettings.DUPLICATE_ID_WINDOW)).isEqualTo(2_000);
        assertThat(policy.get(PolicySettings.DUPLICATE_ID_WINDOW_MILLIS)).isZero();
        assertThat(policy.get(PolicySettings.EXCLUSIVE)).isFalse();
    }

    @Test
    void readFromOptions() {
        AddressPolicy policy = AddressPolicies.fromOptions(Map.of(
                "orders.>.duplicateIdWindow", "50",
                "orders.>.duplicateIdWindowMillis", "60000",
                "orders.>.exclusive", "TRUE")).forAddress("orders.eu");
        assertThat(policy.get(PolicySettings.DUPLICATE_ID_WINDOW)).isEqualTo(50);
        assertThat(policy.get(PolicySettings.DUPLICATE_ID_WINDOW_MILLIS)).isEqualTo(60_000L);
        assertThat(policy.get(PolicySettings.EXCLUSIVE)).isTrue();
    }

    @Test
    void badValuesAreRejectedNamingTheSetting() {
        assertThatThrownBy(() -> AddressPolicies.NONE.with("q", "duplicateIdWindow", "-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicateIdWindow");
        assertThatThrownBy(() -> AddressPolicies.NONE.with("q", "duplicateIdWindow", "3000000000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicateIdWindow");
        assertThatThrownBy(() -> AddressPolicies.NONE.with("q", "exclusive", "yes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exclusive")
                .hasMessageContaining("true or false");
    }
}
