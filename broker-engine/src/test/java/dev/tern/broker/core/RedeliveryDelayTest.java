package dev.tern.broker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.policy.AddressPolicy;
import org.junit.jupiter.api.Test;

class RedeliveryDelayTest {

    private static AddressPolicy policy(String... settingsAndValues) {
        AddressPolicies policies = AddressPolicies.NONE;
        for (int i = 0; i < settingsAndValues.length; i += 2) {
            policies = policies.with("q", settingsAndValues[i], settingsAndValues[i + 1]);
        }
        return policies.forAddress("q");
    }

    @Test
    void noDelayByDefault() {
        assertThat(RedeliveryDelay.millis(AddressPolicy.DEFAULTS, 1)).isZero();
        assertThat(RedeliveryDelay.millis(AddressPolicy.DEFAULTS, 7)).isZero();
    }

    @Test
    void aConstantDelayWithoutMultiplier() {
        AddressPolicy policy = policy("redeliveryDelayMillis", "500");
        assertThat(RedeliveryDelay.millis(policy, 1)).isEqualTo(500);
        assertThat(RedeliveryDelay.millis(policy, 5)).isEqualTo(500);
    }

    @Test
    void theMultiplierGrowsTheDelayUpToTenTimesTheBaseByDefault() {
        AddressPolicy policy = policy("redeliveryDelayMillis", "100", "redeliveryMultiplier", "2");
        assertThat(RedeliveryDelay.millis(policy, 1)).isEqualTo(100);
        assertThat(RedeliveryDelay.millis(policy, 2)).isEqualTo(200);
        assertThat(RedeliveryDelay.millis(policy, 3)).isEqualTo(400);
        assertThat(RedeliveryDelay.millis(policy, 4)).isEqualTo(800);
        assertThat(RedeliveryDelay.millis(policy, 5)).isEqualTo(1_000);
        assertThat(RedeliveryDelay.millis(policy, 1_000)).isEqualTo(1_000);
    }

    @Test
    void anExplicitMaximumCapsTheGrowth() {
        AddressPolicy policy = policy("redeliveryDelayMillis", "100", "redeliveryMultiplier", "3",
                "maxRedeliveryDelayMillis", "5000");
        assertThat(RedeliveryDelay.millis(policy, 4)).isEqualTo(2_700);
        assertThat(RedeliveryDelay.millis(policy, 5)).isEqualTo(5_000);
    }

    @Test
    void badValuesAreRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> policy("redeliveryMultiplier", "0.5"))
                .hasMessageContaining("redeliveryMultiplier").hasMessageContaining("at least 1.0");
        assertThatThrownBy(() -> policy("maxDeliveryAttempts", "0"))
                .hasMessageContaining("maxDeliveryAttempts");
        assertThatThrownBy(() -> policy("redeliveryDelayMillis", "-5"))
                .hasMessageContaining("redeliveryDelayMillis");
    }
}
