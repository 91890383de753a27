package dev.tern.ra;

import dev.tern.ra.TernActivationSpec.DestinationKind;
import java.time.Duration;

/**
 * A validated activation spec, frozen: what an {@link Activation} runs with.
 *
 * @param settings broker, credentials and client ID, the adapter's filling in the spec's gaps
 * @param destination the queue or topic name, or null when looked up
 * @param destinationLookup the JNDI name of the destination, or null
 * @param kind queue or topic
 * @param connectionFactoryLookup the JNDI name of a factory to connect through, or null
 * @param selector the message selector, or null
 * @param dupsOk true for Dups-ok-acknowledge
 * @param durable true for a durable topic subscription
 * @param subscriptionName the subscription's name, or null
 * @param shared true for a JMS 2.0 shared subscription
 * @param maxSession how many sessions deliver concurrently
 * @param reconnectAttempts how often to try reconnecting; -1 for ever
 * @param reconnectInterval the pause between attempts
 */
record ActivationConfig(ConnectionSettings settings, String destination, String destinationLookup, DestinationKind kind,
        String connectionFactoryLookup, String selector, boolean dupsOk, boolean durable, String subscriptionName,
        boolean shared, int maxSession, int reconnectAttempts, Duration reconnectInterval) {

    /**
     * How many sessions consume: one for an unshared topic subscription, where each session would get
     * its own copy of every message, or where only one consumer may be active (durable).
     */
    int sessionCount(boolean topic) {
        return topic && !shared ? 1 : maxSession;
    }

    /** True when the next attempt after {@code attemptsMade} failed ones may be made. */
    boolean mayAttempt(int attemptsMade) {
        return reconnectAttempts < 0 || attemptsMade <= reconnectAttempts;
    }
}
