package dev.tern.jms.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A main class of the tests running in a JVM of its own, on the tests' class path: for crash tests,
 * which kill it with SIGKILL, and for tests that need a JVM with other settings. What it prints on
 * standard output is handed over line by line, on a thread of its own; standard error goes to ours;
 * {@link #tell} writes a line to its standard input.
 */
public final class ChildJvm implements AutoCloseable {

    /** The exit status of a process killed by SIGKILL. */
    public static final int KILLED = 137;

    private final Process process;
    private final Thread reader;

    private ChildJvm(Process process, Consumer<String> onLine) {
        this.process = process;
        this.reader = new Thread(() -> read(onLine), "child-jvm-report-reader");
        reader.start();
    }

    /**
     * Starts {@code mainClass} with the JVM options and program arguments given.
     *
     * @param onLine receives each line the child prints, in order
     */
    public static ChildJvm start(Class<?> mainClass, List<String> jvmOptions, Consumer<String> onLine, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        try {
            return new ChildJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start(), onLine);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass.getName(), e);
        }
    }

    /**
     * Writes one line to the child's standard input, for a child that takes requests there.
     *
     * @throws UncheckedIOException if the child is gone
     */
    public void tell(String line) {
        synchronized (process) {
            try {
                OutputStream in = process.getOutputStream();
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the child JVM", e);
            }
        }
    }

    /** Kills the child with SIGKILL, waits until it and its last lines are gone, and returns its exit status. */
    public int killAndWait() throws InterruptedException {
        process.destroyForcibly();
        return awaitExit(Duration.ofSeconds(30));
    }

    /**
     * Waits for the child to exit and for its last lines to be handed over.
     *
     * @return its exit status
     * @throws IllegalStateException if it is still running after the timeout
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the child JVM still runs after " + timeout);
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void read(Consumer<String> onLine) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                onLine.accept(line);
            }
        } catch (IOException e) {
            // The child was killed; its output ends here.
        }
    }
}
