package dev.tern.jms.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a broker's JVM with SIGKILL while messages move to the dead-letter queue and back, restarts it on
 * the same journal, and checks that every message that was not acknowledged is on exactly one of the two
 * queues, once, and that no acknowledged message came back.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RedeliveryCrashTest {

    private static final int ACKS_BEFORE_KILL = 30;
    private static final int MOVES_BEFORE_KILL = 60;

    @TempDir
    Path dataDir;

    @Test
    void deadLetterMovesSurviveKillNineWithoutLossOrDuplicates() throws Exception {
        String url = DeadLetteringClient.url(dataDir.toAbsolutePath().toString());
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicInteger moved = new AtomicInteger();

        Process child = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                DeadLetteringClient.class.getName(), url)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            CountDownLatch enough = new CountDownLatch(1);
            Thread reader = new Thread(() -> readReport(child, acked, moved, enough), "crash-report-reader");
            reader.start();
            assertThat(enough.await(2, TimeUnit.MINUTES))
                    .as("child reported %d acks and %d moves back", acked.size(), moved.get()).isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        List<String> found = new ArrayList<>();
        try (Connection connection = new TernConnectionFactory(url).createConnection()) {
            connection.start();
            found.addAll(drain(connection, DeadLetteringClient.QUEUE));
            found.addAll(drain(connection, DeadLetteringClient.DEAD_LETTERS));
        }

        assertThat(found).as("no message is on both queues or twice on one").doesNotHaveDuplicates();
        assertThat(found).as("no acknowledged message comes back").doesNotContainAnyElementsOf(acked);
        Set<String> missing = new HashSet<>();
        for (int i = 0; i < DeadLetteringClient.PRELOADED; i++) {
            missing.add("m-" + i);
        }
        missing.removeAll(acked);
        missing.removeAll(found);
        assertThat(missing).as("messages neither reported acknowledged nor found; at most the one whose commit "
                + "returned just before the kill, before it was reported").hasSizeLessThanOrEqualTo(1);
        assertThat(missing).allMatch(body -> Integer.parseInt(body.substring(2)) % 3 == 0,
                "only a message the child commits can be missing");
    }

    private static void readReport(Process child, Set<String> acked, AtomicInteger moved, CountDownLatch enough) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("ACKED ")) {
                    acked.add(line.substring(6));
                } else if (line.startsWith("MOVED ")) {
                    moved.addAndGet(Integer.parseInt(line.substring(6)));
                }
                if (acked.size() >= ACKS_BEFORE_KILL && moved.get() >= MOVES_BEFORE_KILL) {
                    enough.countDown();
                }
            }
        } catch (IOException e) {
            // The child was killed; the stream ends here.
        }
    }

    private static List<String> drain(Connection connection, String queueName) throws Exception {
        List<String> bodies = new ArrayList<>();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
        TextMessage message;
        while ((message = (TextMessage) consumer.receive(2_000)) != null) {
            bodies.add(message.getText());
        }
        session.close();
        return bodies;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
