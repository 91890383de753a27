package dev.tern.broker.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPoliciesTest {

    @ParameterizedTest
    @CsvSource({
            "orders,        orders,          true",
            "orders,        orders.eu,       false",
            "orders.>,      orders.eu,       true",
            "orders.>,      orders.eu.paid,  true",
            "orders.>,      orders,          false",
            "orders.#,      orders.eu.paid,  true",
            "orders.*,      orders.eu,       true",
            "orders.*,      orders.eu.paid,  false",
            "*.eu,          orders.eu,       true",
            "*.eu,          orders.us,       false",
            ">,             DLQ,             true",
            ">,             a.b.c,           true",
            "orders.*.paid, orders.eu.paid,  true",
    })
    void patternsMatchWordByWord(String pattern, String name, boolean matches) {
        assertThat(new AddressPattern(pattern).matches(name)).isEqualTo(matches);
    }

    @Test
    void tailWildcardOnlyAtTheEnd() {
        assertThatThrownBy(() -> new AddressPattern("orders.>.eu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last word");
        assertThatThrownBy(() -> new AddressPattern("orders..eu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty word");
    }

    @Test
    void theMostSpecificPatternWinsEachSettingAndDefaultsFillTheRest() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("orders.eu.maxMessages", "5");
        options.put(">.maxMessages", "1000");
        options.put(">.fullPolicy", "FAIL");
        options.put("orders.>.maxMessages", "50");
        options.put("orders.>.maxBytes", "2MB");
        AddressPolicies policies = AddressPolicies.fromOptions(options);

        AddressPolicy eu = policies.forAddress("orders.eu");
        assertThat(eu.get(PolicySettings.MAX_MESSAGES)).isEqualTo(5L);
        assertThat(eu.get(PolicySettings.MAX_BYTES)).isEqualTo(2L * 1024 * 1024);
        assertThat(eu.get(PolicySettings.FULL_POLICY)).isEqualTo(FullPolicy.FAIL);
        assertThat(eu.get(PolicySettings.BLOCK_TIMEOUT_MILLIS)).isEqualTo(10_000L);
        assertThat(policies.forAddress("orders.us").get(PolicySettings.MAX_MESSAGES)).isEqualTo(50L);
        assertThat(policies.forAddress("invoices").get(PolicySettings.MAX_MESSAGES)).isEqualTo(1000L);
        assertThat(policies.forAddress("invoices").get(PolicySettings.MAX_BYTES)).isEqualTo(10L << 20);
    }

    @Test
    void withoutPoliciesQueuesPageBeyondTenMegabytes() {
        AddressPolicy policy = AddressPolicies.NONE.forAddress("anything");

        assertThat(policy.get(PolicySettings.MAX_MESSAGES)).isEqualTo(-1L);
        assertThat(policy.get(PolicySettings.MAX_BYTES)).isEqualTo(10L * 1024 * 1024);
        assertThat(policy.get(PolicySettings.FULL_POLICY)).isEqualTo(FullPolicy.PAGE);
    }

    @Test
    void aChangeMakesANewInstanceAndLeavesTheOldOneAlone() {
        AddressPolicies before = AddressPolicies.NONE.with("q", "maxMessages", "1");
        AddressPolicies after = before.with("q", "maxMessages", "2");

        assertThat(before.forAddress("q").get(PolicySettings.MAX_MESSAGES)).isEqualTo(1L);
        assertThat(after.forAddress("q").get(PolicySettings.MAX_MESSAGES)).isEqualTo(2L);
        assertThat(after.describe()).containsExactly(Map.entry("q.maxMessages", "2"));
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> AddressPolicies.NONE.with("q", "maxMesages", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMesages")
                .hasMessageContaining("maxMessages");
        assertThatThrownBy(() -> AddressPolicies.NONE.with("q", "maxBytes", "lots"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBytes");
        assertThatThrownBy(() -> AddressPolicies.NONE.with("q", "fullPolicy", "PANIC"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BLOCK");
        assertThatThrownBy(() -> AddressPolicies.fromOptions(Map.of("maxBytes", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("policy.<address pattern>.<setting>");
    }

    @Test
    void aDeadLetterOrExpiryQueueCannotBeATemporaryQueue() {
        assertThatThrownBy(() -> AddressPolicies.NONE.with("q", "deadLetterQueue", "temp:replies"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved for temporary destinations");
        assertThatThrownBy(() -> AddressPolicies.NONE.with("q", "expiryQueue", "temp:replies"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temp:replies");
    }

    @Test
    void sizesTakeUnits() {
        AddressPolicies policies = AddressPolicies.NONE.with("a", "maxBytes", "64KB").with("b", "maxBytes", "1 GB");

        assertThat(policies.forAddress("a").get(PolicySettings.MAX_BYTES)).isEqualTo(65_536L);
        assertThat(policies.forAddress("b").get(PolicySettings.MAX_BYTES)).isEqualTo(1L << 30);
    }
}
