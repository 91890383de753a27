package dev.tern.broker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether one pattern covers or overlaps another, as the admin permission on a policy pattern needs. */
class AddressPatternTest {

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
            ">, orders, true",
            ">, orders.>, true",
            "orders.>, orders.eu, true",
            "orders.>, orders.eu.*, true",
            "orders.>, orders.>, true",
            "orders.>, orders, false",
            "orders.*, orders.eu, true",
            "orders.*, orders.*, true",
            "orders.*, orders.>, false",
            "orders.*, orders.eu.paid, false",
            "orders.eu, orders.*, false",
            "orders.eu, orders.eu, true",
            "*.eu, orders.eu, true",
            "*.eu, orders.*, false",
            "orders.*.>, orders.>, false",
    })
    void coversOnlyWhenEveryNameOfTheOtherMatches(String pattern, String other, boolean covers) {
        assertThat(new AddressPattern(pattern).covers(new AddressPattern(other))).isEqualTo(covers);
    }

    @ParameterizedTest(name = "{0} overlaps {1}: {2}")
    @CsvSource({
            "orders.*, *.eu, true",
            "orders.>, orders.eu.paid, true",
            "orders.>, orders, false",
            "orders.eu, orders.us, false",
            "orders.*, orders.eu.paid, false",
            "orders.*.paid, orders.>, true",
            "*, orders.eu, false",
            ">, orders.eu, true",
    })
    void overlapsWhenSomeNameMatchesBoth(String pattern, String other, boolean overlaps) {
        assertThat(new AddressPattern(pattern).overlaps(new AddressPattern(other))).isEqualTo(overlaps);
        assertThat(new AddressPattern(other).overlaps(new AddressPattern(pattern))).isEqualTo(overlaps);
    }
}
