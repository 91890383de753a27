package dev.tern.broker.core;

/**
 * What {@link Subscriptions} asks before it creates or deletes a durable subscription for a connection;
 * each check throws to prevent the change, before anything changed.
 */
public interface SubscriptionPermissions {

    /** Allows everything: for the broker's own use and tests. */
    SubscriptionPermissions ALL = new SubscriptionPermissions() {
        @Override
        public void checkMayCreateDurable(String topicAddress) {
        }

        @Override
        public void checkMayDeleteDurable(String topicAddress) {
        }
    };

    /** Before a durable subscription to the topic is created, or replaced by one with another topic or selector. */
    void checkMayCreateDurable(String topicAddress);

    /** Before a durable subscription to the topic is deleted: unsubscribed, or replaced. */
    void checkMayDeleteDurable(String topicAddress);
}
