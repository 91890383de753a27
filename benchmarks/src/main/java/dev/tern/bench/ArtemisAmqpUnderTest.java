package dev.tern.bench;

import jakarta.jms.ConnectionFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ActiveMQ Artemis 2.40 serving AMQP 1.0 on a free loopback port, in a child JVM of its own started from
 * {@code benchmarks/target/artemis-amqp/lib} (copied there by the build) with {@link ArtemisAmqpServer} as
 * main class. The harness embeds Artemis 2.56, whose AMQP module this build cannot resolve, and the two
 * versions cannot share a class path. Clients are Qpid JMS, as for Tern over AMQP.
 */
final class ArtemisAmqpUnderTest implements BrokerUnderTest {

    private static final Logger LOG = LoggerFactory.getLogger(ArtemisAmqpUnderTest.class);
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final List<String> output;

    private ArtemisAmqpUnderTest(Process process, int port, List<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
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
            throw new ScenarioUnsupportedException(scenario, "no Artemis 2.40 in " + lib + "; build the module with mvn package");
        }
        Path mainClasses = copyMainClass(dataDir.resolve("main-class"));
        int port = FreePort.pick();
        String classPath = mainClasses + java.io.File.pathSeparator + lib.resolve("*");
        List<String> command = ChildJvm.command(classPath, ArtemisAmqpServer.class.getName(), List.of(),
                List.of(Integer.toString(port), dataDir.resolve("broker").toString(), Boolean.toString(persistent)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ready = new CountDownLatch(1);
        AtomicReference<String> readyLine = new AtomicReference<>();
        Thread drain = new Thread(() -> drain(process.getInputStream(), output, ready, readyLine), "artemis-amqp-output");
        drain.setDaemon(true);
        drain.start();
        if (!ready.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || readyLine.get() == null) {
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            throw new IllegalStateException("Artemis AMQP child did not start: " + tail(output));
        }
        LOG.info("Artemis AMQP on port {}, journal buffer timeout {} ns", port,
                readyLine.get().substring(ArtemisAmqpServer.READY.length()).trim());
        return new ArtemisAmqpUnderTest(process, port, output);
    }

    private static void drain(InputStream in, List<String> output, CountDownLatch ready, AtomicReference<String> readyLine) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                if (line.startsWith(ArtemisAmqpServer.READY)) {
                    readyLine.set(line);
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            output.add("(output lost: " + e + ")");
        } finally {
            ready.countDown();
        }
    }

    /** Copies the child's main class, alone, under {@code dir}: the rest of this jar holds Artemis 2.56. */
    private static Path copyMainClass(Path dir) throws IOException {
        String resource = ArtemisAmqpServer.class.getSimpleName() + ".class";
        Path target = dir.resolve(ArtemisAmqpServer.class.getPackageName().replace('.', '/')).resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = ArtemisAmqpServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("cannot read " + resource + " from the harness's class path");
            }
            Files.copy(in, target);
        }
        return dir;
    }

    private static String tail(List<String> output) {
        synchronized (output) {
            return String.join("\n", output.subList(Math.max(0, output.size() - 30), output.size()));
        }
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
        process.getOutputStream().close();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("Artemis AMQP child did not stop in {}; killing it. Its last lines:\n{}", STOP_TIMEOUT, tail(output));
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
