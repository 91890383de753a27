package dev.tern.broker.core;

import dev.tern.broker.policy.AddressPolicy;
import dev.tern.broker.policy.PolicySettings;

/**
 * How long a message waits before its next delivery: {@code redeliveryDelayMillis}, multiplied by
 * {@code redeliveryMultiplier} for each redelivery after the first, up to {@code maxRedeliveryDelayMillis}
 * (ten times the delay when that is -1).
 */
public final class RedeliveryDelay {

    private RedeliveryDelay() {
    }

    /**
     * The delay before the next delivery of a message delivered {@code deliveries} times so far.
     *
     * @param deliveries at least 1
     */
    public static long millis(AddressPolicy policy, int deliveries) {
        long base = policy.get(PolicySettings.REDELIVERY_DELAY_MILLIS);
        if (base == 0) {
            return 0;
        }
        long configuredMax = policy.get(PolicySettings.MAX_REDELIVERY_DELAY_MILLIS);
        long max = configuredMax == -1 ? saturatedTimesTen(base) : configuredMax;
        double grown = base * Math.pow(policy.get(PolicySettings.REDELIVERY_MULTIPLIER), Math.max(0, deliveries - 1));
        return grown >= max ? max : (long) grown;
    }

    private static long saturatedTimesTen(long value) {
        return value > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : value * 10;
    }
}
