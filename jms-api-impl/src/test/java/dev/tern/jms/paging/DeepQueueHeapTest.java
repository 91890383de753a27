package dev.tern.jms.paging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.jms.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
        List<String> report = new CopyOnWriteArrayList<>();
        int exitStatus;
        try (ChildJvm child = ChildJvm.start(DeepQueueClient.class, List.of("-Xmx256m"), report::add,
                url, String.valueOf(MESSAGES), String.valueOf(BODY_BYTES))) {
            exitStatus = child.awaitExit(Duration.ofMinutes(15));
        }
        System.out.println("Deep queue of " + MESSAGES + " messages, -Xmx256m: " + report);
        assertThat(exitStatus).as("child's exit status; it said %s", report).isZero();
        assertThat(report).contains("QUEUED " + MESSAGES, "DRAINED " + MESSAGES);
        assertThat(report).anySatisfy(line -> assertThat(line).startsWith("PEAK_OLD_GEN_MB "));
    }
}
