package dev.tern.broker.jmx;

import dev.tern.broker.Broker;
import dev.tern.broker.core.MessageQueue;
import dev.tern.protocol.QueueStatistics;
import dev.tern.protocol.Selectors;

/** The {@link QueueControlMBean} of one queue: reads its statistics, acts through the broker's own API. */
final class QueueControl implements QueueControlMBean {

    private final Broker broker;
    private final MessageQueue queue;

    QueueControl(Broker broker, MessageQueue queue) {
        this.broker = broker;
        this.queue = queue;
    }

    private QueueStatistics statistics() {
        return queue.statistics();
    }

    @Override
    public String getName() {
        return queue.name();
    }

    @Override
    public String getAddress() {
        return queue.definition().address();
    }

    @Override
    public boolean isSubscription() {
        return queue.definition().topicSubscription();
    }

    @Override
    public boolean isPaused() {
        return queue.isPaused();
    }

    @Override
    public long getMessageCount() {
        return statistics().messageCount();
    }

    @Override
    public long getInFlightCount() {
        return statistics().inFlightCount();
    }

    @Override
    public long getPagedCount() {
        return statistics().pagedCount();
    }

    @Override
    public int getConsumerCount() {
        return queue.consumerCount();
    }

    @Override
    public long getEnqueuedCount() {
        return statistics().enqueuedCount();
    }

    @Override
    public long getDispatchedCount() {
        return statistics().dispatchedCount();
    }

    @Override
    public long getDequeuedCount() {
        return statistics().dequeuedCount();
    }

    @Override
    public long getExpiredCount() {
        return statistics().expiredCount();
    }

    @Override
    public long getDeadLetteredCount() {
        return statistics().deadLetteredCount();
    }

    @Override
    public void pause() {
        Refusals.run(() -> broker.pauseQueue(queue.name()));
    }

    @Override
    public void resume() {
        Refusals.run(() -> broker.resumeQueue(queue.name()));
    }

    @Override
    public int purge() {
        return Refusals.call(() -> broker.removeMessages(queue.name(), null));
    }

    @Override
    public int removeMessages(String selector) {
        return Refusals.call(() -> broker.removeMessages(queue.name(), blankAsNull(selector)));
    }

    @Override
    public boolean removeMessage(String messageId) {
        return Refusals.call(() -> broker.removeMessages(queue.name(), Selectors.ofMessageId(messageId))) > 0;
    }

    @Override
    public int moveMessages(String selector, String targetQueue) {
        return Refusals.call(() -> broker.moveMessages(queue.name(), blankAsNull(selector), targetQueue));
    }

    @Override
    public int retryDeadLetters(String selector) {
        return Refusals.call(() -> broker.retryDeadLetters(queue.name(), blankAsNull(selector)));
    }

    /** JMX consoles send an empty string for an empty field. */
    private static String blankAsNull(String selector) {
        return selector == null || selector.isBlank() ? null : selector;
    }
}
