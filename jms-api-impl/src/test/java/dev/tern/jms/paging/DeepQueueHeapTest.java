package dev.tern.jms.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heap use stays bounded whatever the depth: a broker in a JVM with {@code -Xmx256m} queues two million
 * persistent messages, more than its heap could hold, and drains them all in order. The count can be
 * lowered with {@code -Dtern.deepQueue.messages=N} for a quick run.
 */
class DeepQueueHeapTest {

    private static final int MESSAGES = Integer.getInteger("tern.deepQueue.messages", 2_000_000);
    private static final int BODY_BYTES = 100;

    @TempDir
    Path dataDir;

    @Test
    void twoMillionPersistentMessagesQueueAndDrainInAQuarterGigabyteHeap() throws Exception {
        String url = "vm://deep?broker.dataDir=" + dataDir.toAbsolutePath();
        Process child = new ProcessBuilder(javaExecutable(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                DeepQueueClient.class.getName(), url, String.valueOf(MESSAGES), String.valueOf(BODY_BYTES))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> report = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> read(child, report), "deep-queue-report-reader");
        reader.start();
        try {
            assertThat(child.waitFor(15, TimeUnit.MINUTES)).as("child finished; it said %s", report).isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } finally {
            child.destroyForcibly();
        }
        System.out.println("Deep queue of " + MESSAGES + " messages, -Xmx256m: " + report);
        assertThat(child.exitValue()).as("child's exit status; it said %s", report).isZero();
        assertThat(report).contains("QUEUED " + MESSAGES, "DRAINED " + MESSAGES);
        assertThat(report).anySatisfy(line -> assertThat(line).startsWith("PEAK_OLD_GEN_MB "));
    }

    private static void read(Process child, List<String> report) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                report.add(line);
            }
        } catch (IOException e) {
            // the child is gone; its exit status tells
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
