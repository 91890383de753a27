package dev.tern.bench.jmh;

import dev.tern.broker.store.H2MessageStore;
import dev.tern.broker.store.StoreOp;
import dev.tern.protocol.MessageRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The journal's cost for a transacted batch: one unit storing 100 messages of 1 KiB on a queue, then
 * one unit acknowledging them, each waited for, so each ends in its own fsync. This is what
 * {@code tx-batch100-persistent-tcp} asks of {@link H2MessageStore}, without the broker and the network.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreBatchBenchmark {

    private static final int BATCH = 100;
    private static final String QUEUE = BenchJournal.QUEUE;

    private BenchJournal journal;
    private H2MessageStore store;
    private MessageRecord message;
    private long nextId;

    @Setup
    public void open() throws IOException {
        journal = BenchJournal.open("tern-store-bench");
        store = journal.store();
        message = SampleMessages.orderMessage();
    }

    @TearDown
    public void close() {
        journal.close();
    }

    @Benchmark
    public void sendAndAcknowledgeBatchOf100() {
        long first = nextId;
        nextId += BATCH;
        List<StoreOp> send = new ArrayList<>(2 * BATCH);
        List<StoreOp> acknowledge = new ArrayList<>(2 * BATCH);
        for (long id = first; id < first + BATCH; id++) {
            send.add(new StoreOp.AddMessage(id, message));
            send.add(new StoreOp.AddReference(id, QUEUE));
            acknowledge.add(new StoreOp.RemoveReference(id, QUEUE));
            acknowledge.add(new StoreOp.DeleteMessage(id));
        }
        store.apply(send).join();
        store.apply(acknowledge).join();
    }
}
