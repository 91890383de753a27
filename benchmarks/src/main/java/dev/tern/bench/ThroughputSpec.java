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
 * @param asyncSendLimit 0 for {@code send(message)}; otherwise producers send with a CompletionListener
 *     ({@link SendStyle#COMPLETION_LISTENER}), each keeping at most this many sends uncompleted
 * @param idleQueues queues created before the run, each holding one message nobody consumes, to show what
 *     a broker with many queues costs the one in use (its meters, its sweeps)
 */
public record ThroughputSpec(String name, Transport transport, boolean persistent, int producers, int consumers,
        boolean topic, int batchSize, boolean sharded, int asyncSendLimit, int idleQueues) {

    /** The message property the sharded scenario selects on. */
    static final String SHARD_PROPERTY = "shard";

    public ThroughputSpec {
        if (producers < 1 || consumers < 1 || batchSize < 0 || asyncSendLimit < 0 || idleQueues < 0) {
            throw new IllegalArgumentException(
                    "need at least one producer and one consumer, and batchSize, asyncSendLimit and idleQueues >= 0");
        }
        if (sharded && topic) {
            throw new IllegalArgumentException("shards are for queue consumers");
        }
    }

    /** A scenario whose producers wait in {@code send(message)}. */
    public ThroughputSpec(String name, Transport transport, boolean persistent, int producers, int consumers,
            boolean topic, int batchSize, boolean sharded) {
        this(name, transport, persistent, producers, consumers, topic, batchSize, sharded, 0, 0);
    }

    /** This scenario with producers that send with a CompletionListener, at most {@code limit} uncompleted each. */
    public ThroughputSpec withAsyncSends(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("an asynchronous producer needs room for one send, was " + limit);
        }
        return new ThroughputSpec(name, transport, persistent, producers, consumers, topic, batchSize, sharded, limit,
                idleQueues);
    }

    /** This scenario on a broker that also holds this many idle queues. */
    public ThroughputSpec withIdleQueues(int count) {
        return new ThroughputSpec(name, transport, persistent, producers, consumers, topic, batchSize, sharded,
                asyncSendLimit, count);
    }

    /** How the producers send. */
    SendStyle sendStyle() {
        return asyncSendLimit > 0 ? SendStyle.COMPLETION_LISTENER : SendStyle.PLAIN;
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
