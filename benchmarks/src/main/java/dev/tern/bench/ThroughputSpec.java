package dev.tern.bench;

/**
 * The shape of a throughput scenario.
 *
 * @param name the scenario's name
 * @param transport how clients connect
 * @param persistent whether messages are sent PERSISTENT
 * @param producers producer threads, each with its own connection
 * @param consumers consumer threads on a queue, or subscribers on a topic, each with its own connection
 * @param topic whether the destination is a topic (every subscriber gets every message) or a queue
 * @param batchSize 0 for non-transacted sessions (AUTO_ACKNOWLEDGE); otherwise producers and consumers
 *     use transacted sessions and commit every {@code batchSize} messages
 */
public record ThroughputSpec(String name, Transport transport, boolean persistent, int producers, int consumers,
        boolean topic, int batchSize) {

    public ThroughputSpec {
        if (producers < 1 || consumers < 1 || batchSize < 0) {
            throw new IllegalArgumentException("need at least one producer and one consumer, and batchSize >= 0");
        }
    }

    boolean transacted() {
        return batchSize > 0;
    }

    /** Deliveries each sent message makes: one on a queue, one per subscriber on a topic. */
    int fanOut() {
        return topic ? consumers : 1;
    }
}
