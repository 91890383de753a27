package dev.tern.jms.net.storm;

import dev.tern.jms.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link StormBroker} in a JVM of its own, with a bounded heap, asked for figures over its standard input. */
final class BrokerProcess implements AutoCloseable {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final ChildJvm jvm;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final int port;

    private BrokerProcess(Path dataDir, String maxHeap) throws InterruptedException {
        this.jvm = ChildJvm.start(StormBroker.class, List.of("-Xmx" + maxHeap, "-Xms" + maxHeap), lines::add,
                dataDir.toString());
        String ready = next("READY");
        this.port = Integer.parseInt(ready.substring("READY ".length()));
    }

    /**
     * Starts a broker and waits until it serves.
     *
     * @param maxHeap the child's -Xmx (and -Xms), e.g. {@code 256m}
     * @throws IllegalStateException if it failed to start or did not serve within a minute
     */
    static BrokerProcess start(Path dataDir, String maxHeap) throws InterruptedException {
        return new BrokerProcess(dataDir, maxHeap);
    }

    int port() {
        return port;
    }

    /** Live heap after a full collection now, and the most after any collection since the last sample. */
    HeapSample heap() throws InterruptedException {
        String[] fields = ask("HEAP").split(" ");
        return new HeapSample(Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3]));
    }

    int connectionCount() throws InterruptedException {
        return Integer.parseInt(ask("CONNECTIONS").split(" ")[1]);
    }

    int purge(String queue) throws InterruptedException {
        return Integer.parseInt(ask("PURGE " + queue).split(" ")[1]);
    }

    @Override
    public void close() {
        jvm.close();
    }

    /** Sends a request and returns its answer, the next line that starts with the request's first word. */
    private synchronized String ask(String request) throws InterruptedException {
        jvm.tell(request);
        return next(request.split(" ")[0]);
    }

    private String next(String word) throws InterruptedException {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        while (true) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                jvm.close();
                throw new IllegalStateException("the broker did not answer " + word + " within " + ANSWER_TIMEOUT);
            }
            if (line.startsWith("FAILED ")) {
                jvm.close();
                throw new IllegalStateException("the broker did not start: " + line);
            }
            if (line.startsWith(word + " ")) {
                return line;
            }
        }
    }

    /**
     * One look at the broker's heap, in bytes.
     *
     * @param live in use right after a full collection
     * @param mostAfterGc the most in use after any collection since the previous sample
     * @param max the heap's maximum
     */
    record HeapSample(long live, long mostAfterGc, long max) {

        static String megabytes(long bytes) {
            return String.format("%.1f MB", bytes / 1048576.0);
        }
    }
}
