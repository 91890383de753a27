package dev.tern.bench;

import java.util.ArrayList;
import java.util.List;

/** The scenarios of the comparison, in the order they run; numbers refer to the table in issue 8. */
public final class Scenarios {

    /**
     * The most sends each producer of {@code p2p-persistent-16p-async-tcp} and {@code -vm} keeps uncompleted, the same for
     * every broker: the number of sends a CompletionListener has yet to hear about.
     */
    public static final int ASYNC_SEND_LIMIT = 100;
    /** The idle queues of {@code p2p-nonpersistent-10k-idle-queues-vm}. */
    public static final int IDLE_QUEUES = 10_000;

    private Scenarios() {
    }

    /** Every scenario. */
    public static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        // (2) non-persistent 1 KiB, one producer, one consumer
        for (Transport transport : Transport.values()) {
            all.add(throughput("p2p-nonpersistent-" + transport.label(), transport, false, 1, 1, false, 0, false));
        }
        // ... and on a broker with 10,000 idle queues, each holding a message: what many queues cost (issue 19)
        all.add(new ThroughputScenario(new ThroughputSpec("p2p-nonpersistent-10k-idle-queues-vm", Transport.VM, false,
                1, 1, false, 0, false).withIdleQueues(IDLE_QUEUES)));
        // (3) persistent 1 KiB, every send fsynced, 1, 4 and 16 producers, over each transport; then as many
        // consumers as producers, all running together (each client its own connection, AUTO acknowledgment)
        for (Transport transport : List.of(Transport.TCP, Transport.VM)) {
            for (int producers : new int[] {1, 4, 16}) {
                all.add(throughput("p2p-persistent-" + producers + "p-" + transport.label(), transport, true, producers,
                        1, false, 0, false));
            }
            for (int clients : new int[] {4, 16}) {
                all.add(throughput("p2p-persistent-" + clients + "p" + clients + "c-" + transport.label(), transport,
                        true, clients, clients, false, 0, false));
            }
        }
        // (3) over AMQP 1.0 with Qpid JMS (issue 23): the non-persistent case is in the loop above
        for (int producers : new int[] {1, 4}) {
            all.add(throughput("p2p-persistent-" + producers + "p-amqp", Transport.AMQP, true, producers, 1, false, 0,
                    false));
        }
        all.add(throughput("p2p-persistent-4p4c-amqp", Transport.AMQP, true, 4, 4, false, 0, false));
        // (3) with JMS 2.0 asynchronous sends: each producer keeps ASYNC_SEND_LIMIT sends uncompleted
        for (Transport transport : List.of(Transport.TCP, Transport.VM)) {
            all.add(new ThroughputScenario(new ThroughputSpec("p2p-persistent-16p-async-" + transport.label(), transport,
                    true, 16, 1, false, 0, false).withAsyncSends(ASYNC_SEND_LIMIT)));
        }
        // (4) persistent, transacted batches of 100 on both sides
        all.add(throughput("tx-batch100-persistent-tcp", Transport.TCP, true, 1, 1, false, 100, false));
        // (5) topic fan-out, one publisher, ten subscribers
        all.add(throughput("topic-fanout-1to10-nonpersistent-tcp", Transport.TCP, false, 1, 10, true, 0, false));
        // (6) one queue, ten consumers on disjoint selectors
        all.add(throughput("queue-selectors-10-nonpersistent-tcp", Transport.TCP, false, 1, 10, false, 0, true));
        // (7) request-reply latency
        all.add(new RequestReplyScenario("request-reply-tcp", Transport.TCP));
        return List.copyOf(all);
    }

    /** The scenarios whose names contain any of the given fragments; all of them for an empty list. */
    public static List<Scenario> matching(List<String> fragments) {
        if (fragments == null || fragments.isEmpty()) {
            return all();
        }
        return all().stream().filter(s -> fragments.stream().anyMatch(s.name()::contains)).toList();
    }

    private static Scenario throughput(String name, Transport transport, boolean persistent, int producers,
            int consumers, boolean topic, int batchSize, boolean sharded) {
        return new ThroughputScenario(new ThroughputSpec(name, transport, persistent, producers, consumers, topic,
                batchSize, sharded));
    }
}
