package dev.tern.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tern broker} as its own process: it says where it listens and stores, listens on this machine only
 * unless told otherwise, and SIGTERM stops it cleanly.
 */
@Timeout(120)
class BrokerProcessTest {

    private static final Pattern LISTENING = Pattern.compile("listening on tcp://localhost:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void sigtermShutsDownCleanlyAndKeepsEveryPersistentMessage() throws Exception {
        Path dataDir = dir.resolve("data");
        Path config = Files.writeString(dir.resolve("tern.properties"), "name = walkthrough\nport = 0\namqpPort = 0\nstompPort = off\n");

        BrokerProcess first = BrokerProcess.start("--config", config.toString(), "--data-dir", dataDir.toString());
        assertThat(first.output()).contains("Data stored in " + dataDir.toAbsolutePath());
        await().atMost(Duration.ofSeconds(10)).until(() -> first.output().contains("Serving AMQP 1.0 on localhost:"));
        assertThat(first.output()).doesNotContain("STOMP");
        try (JMSContext context = new TernConnectionFactory(first.url()).createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            Queue queue = context.createQueue("kept");
            for (int i = 0; i < 100; i++) {
                context.createProducer().send(queue, "m" + i);
            }
            JMSConsumer consumer = context.createConsumer(queue);
            for (int i = 0; i < 10; i++) {
                assertThat(consumer.receiveBody(String.class, 5_000)).isEqualTo("m" + i);
            }
            context.acknowledge();
            consumer.close();
            first.terminate();
        }

        BrokerProcess second = BrokerProcess.start("--config", config.toString(), "--data-dir", dataDir.toString());
        try (JMSContext context = new TernConnectionFactory(second.url()).createContext()) {
            JMSConsumer consumer = context.createConsumer(context.createQueue("kept"));
            for (int i = 10; i < 100; i++) {
                assertThat(consumer.receiveBody(String.class, 5_000)).isEqualTo("m" + i);
            }
            assertThat(consumer.receiveNoWait()).isNull();
        } finally {
            second.terminate();
        }
    }

    @Test
    void byDefaultOnlyThisMachineCanConnect() throws Exception {
        InetAddress other = nonLoopbackAddress();
        try (BrokerProcess broker = startOnTcpOnly()) {
            assertThat(broker.output()).contains("Only clients on this machine can connect: no users file is set.");
            assertThat(connects(InetAddress.getLoopbackAddress(), broker.port())).isTrue();
            assertThat(connects(other, broker.port())).as("reachable on " + other).isFalse();
        }
    }

    @Test
    void allowingAnonymousAccessOpensEveryInterfaceAndWarns() throws Exception {
        InetAddress other = nonLoopbackAddress();
        try (BrokerProcess broker = startOnTcpOnly("--allow-anonymous")) {
            assertThat(connects(other, broker.port())).as("reachable on " + other).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.output().contains(
                    "without a users file (--allow-anonymous): anyone who can reach it can connect without a password"));
        }
    }

    @Test
    void theHttpPortServesHealthAndPrometheusMetricsOnThisMachineOnly() throws Exception {
        InetAddress other = nonLoopbackAddress();
        try (BrokerProcess broker = startOnTcpOnly("--http-port", "0", "--allow-anonymous")) {
            Matcher health = Pattern.compile("Console on http://localhost:(\\d+)/ ").matcher(broker.output());
            assertThat(health.find()).as(broker.output()).isTrue();
            int httpPort = Integer.parseInt(health.group(1));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> up = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + httpPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(up.statusCode()).isEqualTo(200);
            List<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + httpPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                    .body().lines().toList();
            assertThat(metrics).contains("# TYPE tern_connections gauge", "# TYPE jvm_memory_used_bytes gauge");
            assertThat(connects(other, httpPort)).as("the HTTP port is on localhost only").isFalse();
        }
    }

    /** A broker on a free tcp:// port only, storing in this test's directory. */
    private BrokerProcess startOnTcpOnly(String... more) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--amqp-port", "off", "--stomp-port", "off",
                "--data-dir", dir.resolve("data").toString()));
        args.addAll(List.of(more));
        return BrokerProcess.start(args.toArray(String[]::new));
    }

    /** An address of this machine other than the loopback; the test is skipped on a machine without one. */
    private static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    return address;
                }
            }
        }
        Assumptions.abort("This machine has no IPv4 address other than the loopback to try the broker on.");
        return null;
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** A broker in a child JVM, its output read line by line; closing it terminates it. */
    private record BrokerProcess(Process process, int port, StringBuilder lines, Thread reader) implements AutoCloseable {

        @Override
        public void close() throws InterruptedException {
            terminate();
        }

        static BrokerProcess start(String... args) throws IOException, InterruptedException {
            String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(javaBinary,
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp",
                    System.getProperty("java.class.path"), TernCli.class.getName(), "broker"));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            StringBuilder all = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        synchronized (all) {
                            all.append(line).append('\n');
                        }
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("read failed: " + e);
                }
            }, "broker-output");
            reader.setDaemon(true);
            reader.start();
            while (true) {
                String line = lines.poll(30, TimeUnit.SECONDS);
                if (line == null) {
                    process.destroyForcibly();
                    throw new AssertionError("The broker did not say where it listens; it printed:\n" + all);
                }
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    // The lines that follow, up to the last one of the start, say who can connect and where data goes.
                    for (String next = ""; next != null && !next.contains("Stop it with Ctrl+C");
                            next = lines.poll(10, TimeUnit.SECONDS)) {
                        // read on
                    }
                    return new BrokerProcess(process, Integer.parseInt(matcher.group(1)), all, reader);
                }
            }
        }

        String url() {
            return "tcp://localhost:" + port;
        }

        String output() {
            synchronized (lines) {
                return lines.toString();
            }
        }

        /** Sends SIGTERM and waits for a clean exit. */
        void terminate() throws InterruptedException {
            // Process.destroy() would also close our end of the output pipe, losing what the broker
            // prints while it shuts down; the handle only sends the signal.
            process.toHandle().destroy();
            boolean exited = process.waitFor(30, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            assertThat(exited).as("the broker exits within 30 s of SIGTERM").isTrue();
            reader.join(10_000);
            assertThat(process.exitValue()).as("exit status after SIGTERM").isEqualTo(143);
            assertThat(output()).as("the shutdown hook closed the broker").containsPattern("Broker \\S+ stopped");
        }
    }
}
