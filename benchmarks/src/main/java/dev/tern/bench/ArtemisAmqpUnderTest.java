package dev.tern.bench;

import jakarta.jms.ConnectionFactory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ActiveMQ Artemis 2.40 serving AMQP 1.0 on a free loopback port, in a child JVM of its own started from
 * {@code benchmarks/target/artemis-amqp/lib} (copied there by the build) with {@link ArtemisAmqpServer} as
 * main class (and {@link SyncProbe} beside it). The harness embeds Artemis 2.56, whose AMQP module this
 * build cannot resolve, and the two versions cannot share a class path. Clients are Qpid JMS, as for Tern over AMQP.
 */
final class ArtemisAmqpUnderTest implements BrokerUnderTest {

    private static final Logger LOG = LoggerFactory.getLogger(ArtemisAmqpUnderTest.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ChildBroker child;
    private final int port;

    private ArtemisAmqpUnderTest(ChildBroker child, int port) {
        this.child = child;
        this.port = port;
    }

    /** The directory holding Artemis 2.40's jars, next to this code's jar or classes directory. */
    static Path libDir() throws Exception {
        return BenchMain.targetDir().resolve("artemis-amqp").resolve("lib");
    }

    /**
     * Starts the child and waits until it listens.
     *
     * @throws ScenarioUnsupportedException if the build did not copy Artemis 2.40 next to the harness
     */
    static ArtemisAmqpUnderTest start(Path dataDir, boolean persistent, String scenario) throws Exception {
        Path lib = libDir();
        if (!Files.isDirectory(lib)) {
            throw new ScenarioUnsupportedException(scenario,
                    "no Artemis 2.40 in " + lib + "; build the module with mvn package");
        }
        Path mainClasses = copyChildClasses(dataDir.resolve("main-class"));
        int port = FreePort.pick();
        String classPath = mainClasses + File.pathSeparator + lib.resolve("*");
        List<String> command = ChildJvm.command(classPath, ArtemisAmqpServer.class.getName(), List.of(),
                List.of(Integer.toString(port), dataDir.resolve("broker").toString(), Boolean.toString(persistent)));
        ChildBroker.Started started = ChildBroker.start("artemis-amqp", command, ArtemisAmqpServer.READY,
                START_TIMEOUT);
        LOG.info("Artemis AMQP on port {}, journal buffer timeout {} ns", port, started.readyWords()[1]);
        return new ArtemisAmqpUnderTest(started.child(), port);
    }

    /**
     * Copies the child's main class and the one class it uses, alone, under {@code dir}: the rest of this jar
     * holds Artemis 2.56.
     */
    private static Path copyChildClasses(Path dir) throws IOException {
        for (Class<?> type : List.of(ArtemisAmqpServer.class, SyncProbe.class)) {
            String resource = type.getSimpleName() + ".class";
            Path target = dir.resolve(type.getPackageName().replace('.', '/')).resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = type.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("cannot read " + resource + " from the harness's class path");
                }
                Files.copy(in, target);
            }
        }
        return dir;
    }

    @Override
    public String name() {
        return BrokerKind.ARTEMIS.displayName();
    }

    @Override
    public ConnectionFactory connectionFactory(Transport transport) {
        if (transport != Transport.AMQP) {
            throw new IllegalStateException("This Artemis serves AMQP only");
        }
        return new JmsConnectionFactory("amqp://127.0.0.1:" + port);
    }

    @Override
    public void close() throws Exception {
        child.close();
    }
}
