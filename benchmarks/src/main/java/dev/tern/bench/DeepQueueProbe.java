package dev.tern.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child process of the deep-queue scenario, run in a small heap: starts one broker with its
 * journal, runs {@link DeepQueueWorkload} over {@code vm://}, stops the broker and prints one
 * {@value #PREFIX} line with the timings, what came back and the heap figures (see {@link HeapFigures}):
 * the old generation's peak, and the heap live after a full collection with every message queued,
 * taken between the two phases, outside their timings.
 * Any failure, an {@link OutOfMemoryError} included, ends the process with a non-zero status and no
 * such line.
 *
 * <p>Usage: {@code DeepQueueProbe TERN|ARTEMIS|CLASSIC DATA_DIR MESSAGES}.
 */
public final class DeepQueueProbe {

    /** Starts the line the parent reads. */
    static final String PREFIX = "DEEPQUEUE";

    private static final Logger LOG = LoggerFactory.getLogger(DeepQueueProbe.class);

    private DeepQueueProbe() {
    }

    public static void main(String[] args) {
        // System.exit in both cases: threads a broker leaves behind are the cold-start scenario's business.
        try {
            run(BrokerKind.valueOf(args[0]), Path.of(args[1]), Integer.parseInt(args[2]));
        } catch (Throwable e) {
            LOG.error("The deep-queue run failed", e);
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(BrokerKind kind, Path dataDir, int count) throws Exception {
        DeepQueueWorkload.Drained drained;
        boolean left;
        long enqueueNanos;
        long drainNanos;
        long liveMegabytes;
        try (BrokerUnderTest broker = kind.start(dataDir, true)) {
            DeepQueueWorkload workload = new DeepQueueWorkload(broker.connectionFactory(Transport.VM), count);
            long start = System.nanoTime();
            workload.enqueue();
            enqueueNanos = System.nanoTime() - start;
            liveMegabytes = HeapFigures.liveMegabytes();
            start = System.nanoTime();
            drained = workload.drain();
            drainNanos = System.nanoTime() - start;
            left = workload.anyLeft();
        }
        System.out.println(String.format(Locale.ROOT,
                "%s enqueue_ms=%.1f drain_ms=%.1f delivered=%d duplicates=%d out_of_order=%d left=%b"
                        + " peak_old_gen_mb=%d live_when_full_mb=%d",
                PREFIX, enqueueNanos / 1e6, drainNanos / 1e6, drained.distinct(), drained.duplicates(),
                drained.outOfOrder(), left, HeapFigures.peakOldGenerationMegabytes(), liveMegabytes));
        System.out.flush();
    }
}
