package dev.tern.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker serving from a child JVM: launched from a command line, ready once it prints a line with a given
 * prefix, asked questions by lines on its standard input, and stopped by closing that input (killed if it
 * does not exit in time). Everything it prints is kept for error messages.
 */
final class ChildBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChildBroker.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final int TAIL_LINES = 30;

    private final String label;
    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildBroker(String label, Process process) {
        this.label = label;
        this.process = process;
    }

    /**
     * Launches {@code command} and waits up to {@code timeout} for a line starting with {@code readyPrefix}.
     *
     * @return the child and its ready line
     */
    static Started start(String label, List<String> command, String readyPrefix, Duration timeout)
            throws IOException, InterruptedException {
        ChildBroker child = new ChildBroker(label, new ProcessBuilder(command).redirectErrorStream(true).start());
        Thread drain = new Thread(() -> child.drain(child.process.getInputStream()), label + "-output");
        drain.setDaemon(true);
        drain.start();
        String ready = child.awaitLine(readyPrefix, timeout);
        if (ready == null) {
            child.kill();
            throw new IllegalStateException(label + " did not start within " + timeout + ": " + child.tail());
        }
        return new Started(child, ready);
    }

    /** A child that is ready, and the line that said so. */
    record Started(ChildBroker child, String readyLine) {

        /** The ready line's words after its prefix. */
        String[] readyWords() {
            return readyLine.trim().split("\\s+");
        }
    }

    /** Sends {@code request} as a line and returns the first later line starting with {@code replyPrefix}. */
    String ask(String request, String replyPrefix, Duration timeout) throws IOException, InterruptedException {
        OutputStream in = process.getOutputStream();
        in.write((request + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        String reply = awaitLine(replyPrefix, timeout);
        if (reply == null) {
            throw new IllegalStateException(label + " did not answer " + request + ": " + tail());
        }
        return reply;
    }

    private String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            String line = lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                return null;
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    private void drain(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                lines.add(line);
            }
        } catch (IOException e) {
            synchronized (output) {
                output.add("(output lost: " + e + ")");
            }
        }
    }

    private String tail() {
        synchronized (output) {
            return String.join("\n", output.subList(Math.max(0, output.size() - TAIL_LINES), output.size()));
        }
    }

    private void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes the child's standard input, which tells it to stop, and waits for it to exit. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("{} did not stop within {}; killing it. Its last lines:\n{}", label, STOP_TIMEOUT, tail());
            kill();
        }
    }
}
