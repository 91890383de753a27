package dev.tern.bench.jmh;

import dev.tern.bench.DataDirs;
import dev.tern.broker.store.H2MessageStore;
import dev.tern.broker.store.QueueRecord;
import dev.tern.broker.store.StoreOp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A journal in a fresh temporary directory holding one plain queue, {@value #QUEUE}, for the store's benchmarks. */
final class BenchJournal implements AutoCloseable {

    static final String QUEUE = "bench.queue";

    private final Path directory;
    private final H2MessageStore store;

    private BenchJournal(Path directory, H2MessageStore store) {
        this.directory = directory;
        this.store = store;
    }

    /** Opens the journal in a new temporary directory named after {@code prefix} and adds the queue. */
    static BenchJournal open(String prefix) throws IOException {
        Path directory = Files.createTempDirectory(prefix);
        H2MessageStore store = new H2MessageStore(directory, "bench");
        store.loadIndex();
        store.apply(List.of(new StoreOp.AddQueue(QueueRecord.plainQueue(QUEUE)))).join();
        return new BenchJournal(directory, store);
    }

    H2MessageStore store() {
        return store;
    }

    /** Closes the journal and deletes its directory. */
    @Override
    public void close() {
        store.close();
        DataDirs.delete(directory);
    }
}
