package dev.tern.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * The main class of the child JVM that serves Artemis over AMQP 1.0 for {@link ArtemisAmqpUnderTest}. It runs
 * on a class path of its own (Artemis 2.40 and its AMQP protocol, benchmarks/target/artemis-amqp/lib) with
 * this class and {@link SyncProbe} copied beside it, so it uses nothing else of the harness and only the
 * embedding API that 2.40 and 2.56 share.
 *
 * <p>Arguments: port, data directory, {@code true|false} for persistence. It configures the NIO journal as
 * {@code artemis create} does on this disk: the journal buffer timeout is the time to write and force 4 KiB
 * in the data directory, best of a few ({@link SyncProbe}). Security, JMX and the critical analyzer are off.
 * It prints {@value #READY} with the timeout chosen once the acceptor listens, and stops when its standard
 * input closes.
 */
public final class ArtemisAmqpServer {

    /** The line the parent waits for, followed by the journal buffer timeout in nanoseconds. */
    static final String READY = "ARTEMIS-AMQP-READY";

    private ArtemisAmqpServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dataDir = Path.of(args[1]);
        boolean persistent = Boolean.parseBoolean(args[2]);
        Files.createDirectories(dataDir);
        long bufferTimeoutNanos = persistent ? SyncProbe.bestSyncNanos(dataDir) : 0;
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
}
