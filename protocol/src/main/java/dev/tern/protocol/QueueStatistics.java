package dev.tern.protocol;

/**
 * A snapshot of one queue's counters, for monitoring.
 *
 * @param name the queue's name; a topic subscription's queue is named {@code sub:CLIENTID:NAME}
 * @param address the destination it holds messages for: the queue itself, or the subscription's topic
 * @param subscription true for a topic subscription
 * @param messageCount messages waiting, not counting those delivered and not yet acknowledged
 * @param consumerCount consumers attached now
 * @param enqueuedCount messages added since the broker started (restored ones included), not counting
 *     redeliveries
 * @param dispatchedCount deliveries made to consumers since the broker started, redeliveries included
 */
public record QueueStatistics(String name, String address, boolean subscription, long messageCount,
        int consumerCount, long enqueuedCount, long dispatchedCount) {
}
