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
 * @param sharded true gives each queue consumer a selector on its own shard ({@code shard = i}), and
 *     producers spread messages over the shards in turn; the consumers' selectors are disjoint
 */
public record ThroughputSpec(String name, Transport transport, boolean persistent, int producers, int consumers,
        boolean topic, int batchSize, boolean sharded) {

    /** The message property the sharded scenario selects on. */
    static final String SHARD_PROPERTY = "shard";

    public ThroughputSpec {
        if (producers < 1 || consumers < 1 || batchSize < 0) {
            throw new IllegalArgumentException("need at least one producer and one consumer, and batchSize >= 0");
        }
        if (sharded && topic) {
            throw new IllegalArgumentException("shards are for queue consumers");
        }
    }

    /** The selector of consumer {@code index}, or null if consumers take everything. */
    String selectorOf(int index) {
        return sharded ? SHARD_PROPERTY + " = " + index : null;
    }

    boolean transacted() {
        return batchSize > 0;
    }

    /** Deliveries each sent message makes: one on a queue, one per subscriber on a topic. */
    int fanOut() {
        return topic ? consumers : 1;
    }
}
