package dev.tern.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * The main class of the child JVM that serves Artemis over AMQP 1.0 for {@link ArtemisAmqpUnderTest}. It runs
 * on a class path of its own (Artemis 2.40 and its AMQP protocol, benchmarks/target/artemis-amqp/lib) with
 * this one class copied beside it, so it uses nothing of the harness and only the embedding API that 2.40
 * and 2.56 share.
 *
 * <p>Arguments: port, data directory, {@code true|false} for persistence. It configures the NIO journal as
 * {@code artemis create} does on this disk: the journal buffer timeout is the time to write and force 4 KiB
 * in the data directory, best of {@value #SYNC_PROBES}. Security, JMX and the critical analyzer are off.
 * It prints {@value #READY} with the timeout chosen once the acceptor listens, and stops when its standard
 * input closes.
 */
public final class ArtemisAmqpServer {

    /** The line the parent waits for, followed by the journal buffer timeout in nanoseconds. */
    static final String READY = "ARTEMIS-AMQP-READY";

    private static final int SYNC_PROBES = 5;
    private static final int SYNC_PROBE_BYTES = 4096;

    private ArtemisAmqpServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dataDir = Path.of(args[1]);
        boolean persistent = Boolean.parseBoolean(args[2]);
        Files.createDirectories(dataDir);
        long bufferTimeoutNanos = persistent ? measuredSyncNanos(dataDir) : 0;
        Configuration config = new ConfigurationImpl()
                .setName("bench-amqp")
                .setPersistenceEnabled(persistent)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setCriticalAnalyzer(false)
                .setJournalType(JournalType.NIO)
                .setJournalSyncTransactional(true)
                .setJournalSyncNonTransactional(true)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(dataDir.resolve("lock").toString());
        if (persistent) {
            config.setJournalBufferTimeout_NIO((int) Math.min(Integer.MAX_VALUE, bufferTimeoutNanos));
        }
        config.addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP");
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
        System.out.println(READY + " " + bufferTimeoutNanos);
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // wait for the parent to close our standard input
        }
        server.stop();
        System.exit(0);
    }

    /** The fastest of a few 4 KiB write-and-force rounds on a file in {@code dir}, in nanoseconds. */
    static long measuredSyncNanos(Path dir) throws IOException {
        Path probe = dir.resolve("sync-probe");
        long best = Long.MAX_VALUE;
        try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            ByteBuffer block = ByteBuffer.allocate(SYNC_PROBE_BYTES);
            for (int i = 0; i < SYNC_PROBES; i++) {
                block.clear();
                long start = System.nanoTime();
                channel.write(block, (long) i * SYNC_PROBE_BYTES);
                channel.force(false);
                best = Math.min(best, System.nanoTime() - start);
            }
        } finally {
            Files.deleteIfExists(probe);
        }
        return best;
    }
}
