package dev.tern.broker.jmx;

/**
 * One queue or topic subscription of a broker, as JMX shows it: its counters (see
 * {@link dev.tern.protocol.QueueStatistics}) and an operator's actions on it. Registered as
 * {@code dev.tern:type=Broker,name=BROKER,component=queues|subscriptions,queue=NAME}.
 */
public interface QueueControlMBean {

    String getName();

    /** The queue itself, or the subscription's topic. */
    String getAddress();

    boolean isSubscription();

    boolean isPaused();

    /** Messages waiting, delayed and paged ones included. */
    long getMessageCount();

    /** Messages delivered and not yet acknowledged. */
    long getInFlightCount();

    long getPagedCount();

    int getConsumerCount();

    long getEnqueuedCount();

    long getDispatchedCount();

    long getDequeuedCount();

    long getExpiredCount();

    long getDeadLetteredCount();

    /** Stops delivery, keeping the messages, also across a restart, until {@link #resume}. */
    void pause();

    void resume();

    /** Removes every waiting message; returns how many. */
    int purge();

    /** Removes the waiting messages a JMS selector picks; returns how many. */
    int removeMessages(String selector);

    /** Removes one waiting message by its JMSMessageID; false if it is not waiting on this queue. */
    boolean removeMessage(String messageId);

    /** Moves the waiting messages a selector picks (all, for an empty one) to another queue; returns how many. */
    int moveMessages(String selector, String targetQueue);

    /** Moves the dead letters a selector picks (all, for an empty one) back to where they came from; returns how many. */
    int retryDeadLetters(String selector);
}
