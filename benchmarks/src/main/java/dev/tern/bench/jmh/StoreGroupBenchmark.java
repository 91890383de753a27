package dev.tern.bench.jmh;

import dev.tern.broker.store.H2MessageStore;
import dev.tern.broker.store.StoreOp;
import dev.tern.protocol.MessageRecord;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The journal alone under group commit: journal units per second when {@code group} units are submitted at
 * once and waited for together, so that the store can sync them as one group, as it does for that many
 * concurrent producers (or consumers). A message costs two units, as a persistent send and its AUTO
 * acknowledgment cost {@link H2MessageStore}: one storing it (AddMessage of a 1 KiB message, which the store
 * encodes as the broker has it do, and AddReference to one queue), and, once the group's sends have been
 * synced, one acknowledging it (RemoveReference and DeleteMessage). Each invocation stores and acknowledges
 * {@value #MESSAGES_PER_INVOCATION} messages in groups, so the score is units per second for every group size.
 *
 * <pre>java -cp benchmarks/target/tern-benchmarks.jar org.openjdk.jmh.Main StoreGroup -f 1 -wi 2 -i 3 -w 2 -r 2</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreGroupBenchmark {

    /** Divisible by every group size, so every invocation does the same work. */
    static final int MESSAGES_PER_INVOCATION = 400;
    private static final int UNITS_PER_INVOCATION = 2 * MESSAGES_PER_INVOCATION;
    private static final String QUEUE = BenchJournal.QUEUE;

    /** Units submitted at once. */
    @Param({"1", "16", "100"})
    public int group;

    private BenchJournal journal;
    private H2MessageStore store;
    private MessageRecord message;
    private long nextId;

    @Setup
    public void open() throws IOException {
        if (MESSAGES_PER_INVOCATION % group != 0) {
            throw new IllegalArgumentException("group must divide " + MESSAGES_PER_INVOCATION + ": " + group);
        }
        journal = BenchJournal.open("tern-store-group-bench");
        store = journal.store();
        message = SampleMessages.orderMessage();
    }

    @TearDown
    public void close() {
        journal.close();
    }

    @Benchmark
    @OperationsPerInvocation(UNITS_PER_INVOCATION)
    public void sendAndAcknowledgeInGroups() {
        for (int done = 0; done < MESSAGES_PER_INVOCATION; done += group) {
            long first = nextId;
            nextId += group;
            CompletableFuture<?>[] units = new CompletableFuture<?>[group];
            for (int i = 0; i < group; i++) {
                long id = first + i;
                units[i] = store.apply(List.of(new StoreOp.AddMessage(id, message), new StoreOp.AddReference(id, QUEUE)));
            }
            CompletableFuture.allOf(units).join();
            for (int i = 0; i < group; i++) {
                long id = first + i;
                units[i] = store.apply(List.of(new StoreOp.RemoveReference(id, QUEUE), new StoreOp.DeleteMessage(id)));
            }
            CompletableFuture.allOf(units).join();
        }
    }
}
