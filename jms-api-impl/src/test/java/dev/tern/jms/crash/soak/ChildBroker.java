package dev.tern.jms.crash.soak;

import dev.tern.jms.testing.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link SoakBroker} in a JVM of its own: started on a data directory or a shared PostgreSQL database and a
 * port, killed with SIGKILL.
 */
final class ChildBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ChildJvm jvm;
    /** Completes with the broker's first line: READY once it serves, or FAILED with the reason. */
    private final CompletableFuture<String> outcome;

    private ChildBroker(ChildJvm jvm, CompletableFuture<String> outcome) {
        this.jvm = jvm;
        this.outcome = outcome;
    }

    /**
     * Starts a broker and waits until it serves.
     *
     * @throws IllegalStateException if it failed to start or did not serve within a minute
     */
    static ChildBroker start(Path dataDir, int port) throws InterruptedException {
        ChildBroker broker = launch(dataDir.toString(), String.valueOf(port));
        broker.awaitServing(START_TIMEOUT);
        return broker;
    }

    /**
     * Starts a broker on a PostgreSQL store shared with others, without waiting: it serves once it is live, at
     * once if no other broker is, else when the live one stops or its lease runs out (see {@link #awaitServing}).
     */
    static ChildBroker startOnSharedStore(String jdbcUrl, int port, Duration leaseTime) {
        return launch(jdbcUrl, String.valueOf(port), String.valueOf(leaseTime.toMillis()));
    }

    private static ChildBroker launch(String... args) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        ChildJvm jvm = ChildJvm.start(SoakBroker.class, List.of("-Xmx512m"), line -> {
            if (line.equals("READY") || line.startsWith("FAILED ")) {
                outcome.complete(line);
            }
        }, args);
        return new ChildBroker(jvm, outcome);
    }

    /** Whether the broker serves clients now. */
    boolean isServing() {
        return "READY".equals(outcome.getNow(null));
    }

    /**
     * Waits until the broker serves.
     *
     * @throws IllegalStateException if it failed to start or did not serve in time; the JVM is then killed
     */
    void awaitServing(Duration timeout) throws InterruptedException {
        String line;
        try {
            line = outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            jvm.close();
            throw new IllegalStateException("the broker did not serve within " + timeout, e);
        } catch (InterruptedException e) {
            jvm.close();
            throw e;
        }
        if (!line.equals("READY")) {
            jvm.close();
            throw new IllegalStateException("the broker did not start: " + line);
        }
    }

    /** A port on the loopback interface that was free a moment ago, to start every broker of a soak on. */
    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Kills the broker's JVM with SIGKILL ({@code Process.destroyForcibly} on Linux) and returns its exit status. */
    int kill() throws InterruptedException {
        return jvm.killAndWait();
    }

    @Override
    public void close() {
        jvm.close();
    }
}
