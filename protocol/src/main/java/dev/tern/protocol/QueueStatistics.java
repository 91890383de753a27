package dev.tern.protocol;

/**
 * A snapshot of one queue's counters, for monitoring.
 *
 * @param name the queue's name; a topic subscription's queue is named {@code sub:CLIENTID:NAME}
 * @param address the destination it holds messages for: the queue itself, or the subscription's topic
 * @param subscription true for a topic subscription
 * @param paused true if an operator paused the queue: it takes messages and delivers none
 * @param messageCount messages waiting, delayed and paged ones included, not counting those delivered and
 *     not yet acknowledged
 * @param inFlightCount messages delivered and not yet acknowledged, or sent and not yet on the queue
 * @param pagedCount of the messages waiting, those kept on disk only (paged out)
 * @param consumerCount consumers attached now
 * @param enqueuedCount messages added since the broker started (restored ones included), not counting
 *     redeliveries
 * @param dispatchedCount deliveries made to consumers since the broker started, redeliveries included
 * @param dequeuedCount messages that left the queue for good since the broker started: acknowledged,
 *     expired, dead-lettered, moved or purged
 * @param expiredCount messages that expired on the queue since the broker started
 * @param deadLetteredCount messages moved to the dead-letter queue (or dropped for want of one) after
 *     too many delivery attempts, since the broker started
 */
public record QueueStatistics(String name, String address, boolean subscription, boolean paused,
        long messageCount, long inFlightCount, long pagedCount, int consumerCount, long enqueuedCount,
        long dispatchedCount, long dequeuedCount, long expiredCount, long deadLetteredCount) {
}
