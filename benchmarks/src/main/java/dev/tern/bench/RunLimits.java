package dev.tern.bench;

import java.time.Duration;

/**
 * How long one run of a scenario lasts: producers stop at the deadline or after {@code maxMessages}
 * messages, whichever comes first, then the consumers drain what was sent.
 *
 * @param duration how long producers send
 * @param maxMessages most messages the producers send in all; {@link Long#MAX_VALUE} for no limit
 * @param window most messages sent but not yet consumed, so that a broker without producer flow
 *     control is not flooded; the same for every broker
 * @param drainTimeout how long consumers may go without receiving anything before the run gives up
 */
public record RunLimits(Duration duration, long maxMessages, int window, Duration drainTimeout) {

    public RunLimits {
        if (maxMessages < 1 || window < 1) {
            throw new IllegalArgumentException("maxMessages and window must be positive");
        }
    }

    /** Runs bounded by time only. */
    public static RunLimits forSeconds(int seconds) {
        return new RunLimits(Duration.ofSeconds(seconds), Long.MAX_VALUE, 10_000, Duration.ofSeconds(30));
    }

    /** This run also stops after {@code count} messages. */
    public RunLimits withMaxMessages(long count) {
        return new RunLimits(duration, count, window, drainTimeout);
    }
}
