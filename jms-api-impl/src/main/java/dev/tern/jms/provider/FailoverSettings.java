package dev.tern.jms.provider;

import java.util.Map;

/**
 * How a failover connection reconnects, from the {@code failover.*} URL options.
 *
 * @param initialReconnectDelayMillis wait before the second round of attempts; doubled each round
 * @param maxReconnectDelayMillis the longest wait between rounds
 * @param maxReconnectAttempts connection attempts, each to one broker, before giving up; -1 for no limit
 */
public record FailoverSettings(long initialReconnectDelayMillis, long maxReconnectDelayMillis, int maxReconnectAttempts) {

    public FailoverSettings {
        if (initialReconnectDelayMillis < 1 || maxReconnectDelayMillis < initialReconnectDelayMillis
                || maxReconnectAttempts < -1) {
            throw new IllegalArgumentException("invalid failover settings: initialReconnectDelay "
                    + initialReconnectDelayMillis + ", maxReconnectDelay " + maxReconnectDelayMillis
                    + ", maxReconnectAttempts " + maxReconnectAttempts);
        }
    }

    /** 100 ms first, at most 30 s between rounds, no limit on attempts. */
    public static FailoverSettings defaults() {
        return new FailoverSettings(100, 30_000, -1);
    }

    /**
     * Settings from URL options, without the {@code failover.} prefix.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value
     */
    public static FailoverSettings from(Map<String, String> options) {
        FailoverSettings defaults = defaults();
        long initial = defaults.initialReconnectDelayMillis;
        long max = defaults.maxReconnectDelayMillis;
        int attempts = defaults.maxReconnectAttempts;
        for (Map.Entry<String, String> option : options.entrySet()) {
            switch (option.getKey()) {
                case "initialReconnectDelay" -> initial = parse(option);
                case "maxReconnectDelay" -> max = parse(option);
                case "maxReconnectAttempts" -> attempts = (int) parse(option);
                default -> throw new IllegalArgumentException("Unknown option failover." + option.getKey()
                        + "; known are failover.initialReconnectDelay, failover.maxReconnectDelay and "
                        + "failover.maxReconnectAttempts.");
            }
        }
        return new FailoverSettings(initial, Math.max(max, initial), attempts);
    }

    private static long parse(Map.Entry<String, String> option) {
        try {
            return Long.parseLong(option.getValue());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("failover." + option.getKey() + " must be a whole number, was '"
                    + option.getValue() + "'.");
        }
    }

    /** The wait after a round of attempts that followed a wait of {@code previous}. */
    long nextDelay(long previous) {
        return Math.min(maxReconnectDelayMillis, previous * 2);
    }
}
