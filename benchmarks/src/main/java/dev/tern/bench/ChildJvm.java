package dev.tern.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a main class of this jar in a JVM of its own, with this JVM's class path (or one given) and the
 * options given, and collects what it prints (standard output and error together). A child still running
 * at the timeout is killed.
 */
final class ChildJvm {

    private static final long OUTPUT_GRACE_MILLIS = 5_000;

    private ChildJvm() {
    }

    /**
     * What a child did.
     *
     * @param exited whether it exited by itself before the timeout
     * @param exitStatus its exit status; meaningless if it did not exit
     * @param elapsed from launch to exit (or to the timeout)
     * @param output every line it printed, in order
     */
    record Outcome(boolean exited, int exitStatus, Duration elapsed, List<String> output) {

        /** Whether it exited by itself with status 0. */
        boolean succeeded() {
            return exited && exitStatus == 0;
        }

        /** The first line that starts with {@code prefix}. */
        Optional<String> lineStartingWith(String prefix) {
            return output.stream().filter(l -> l.startsWith(prefix)).findFirst();
        }
    }

    /** The command line that runs {@code mainClass} from {@code classPath} with this JVM's java. */
    static List<String> command(String classPath, String mainClass, List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(args);
        return command;
    }

    /** Starts {@code mainClass} with the JVM options and arguments given and waits up to {@code timeout} for it. */
    static Outcome run(Class<?> mainClass, List<String> jvmOptions, List<String> args, Duration timeout)
            throws IOException, InterruptedException {
        return run(mainClass, jvmOptions, args, timeout, line -> { });
    }

    /** As {@link #run(Class, List, List, Duration)}, handing each line to {@code onLine} as it comes, too. */
    static Outcome run(Class<?> mainClass, List<String> jvmOptions, List<String> args, Duration timeout,
            Consumer<String> onLine) throws IOException, InterruptedException {
        List<String> command = command(System.getProperty("java.class.path"), mainClass.getName(), jvmOptions, args);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            Thread drain = new Thread(() -> reader.lines().forEach(line -> {
                output.add(line);
                onLine.accept(line);
            }), "bench-child-output");
            drain.setDaemon(true);
            drain.start();
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (!exited) {
                process.destroyForcibly();
                process.waitFor(OUTPUT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
            drain.join(OUTPUT_GRACE_MILLIS);
            synchronized (output) {
                return new Outcome(exited, exited ? process.exitValue() : -1, elapsed, List.copyOf(output));
            }
        }
    }
}
