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
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills a broker's JVM with SIGKILL while it sends and acknowledges persistent messages, restarts the
 * broker on the same journal, and checks that every send that returned survived and that no
 * acknowledged message came back.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CrashRecoveryTest {

    private static final int SENDS_BEFORE_KILL = 600;
    private static final int ACKS_BEFORE_KILL = 50;

    @TempDir
    Path dataDir;

    /** Once with every message in memory, once with queues paging beyond 50 messages. */
    @ParameterizedTest
    @ValueSource(strings = {"", "&broker.policy.crash.>.maxMessages=50"})
    void everyReturnedSendSurvivesKillNineAndNoAcknowledgedMessageReturns(String policy) throws Exception {
        String url = "vm://crash?broker.dataDir=" + dataDir.toAbsolutePath() + policy;
        Set<String> sent = ConcurrentHashMap.newKeySet();
        Set<String> acked = ConcurrentHashMap.newKeySet();

        Process child = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                CrashingClient.class.getName(), url)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            CountDownLatch enough = new CountDownLatch(1);
            Thread reader = new Thread(() -> readReport(child, sent, acked, enough), "crash-report-reader");
            reader.start();
            assertThat(enough.await(2, TimeUnit.MINUTES))
                    .as("child reported %d sends and %d acks", sent.size(), acked.size()).isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        Set<String> redelivered = drain(url, CrashingClient.ACK_QUEUE);
        Set<String> recovered = drain(url, CrashingClient.SEND_QUEUE);

        assertThat(sent).hasSizeGreaterThanOrEqualTo(SENDS_BEFORE_KILL);
        assertThat(recovered).as("every send that returned is delivered after restart").containsAll(sent);
        assertThat(redelivered).as("no acknowledged message comes back").doesNotContainAnyElementsOf(acked);
        Set<String> lost = new HashSet<>();
        for (int i = 0; i < CrashingClient.PRELOADED; i++) {
            lost.add("ack-" + i);
        }
        lost.removeAll(acked);
        lost.removeAll(redelivered);
        assertThat(lost).as("preloaded messages neither reported acknowledged nor redelivered; at most the one "
                + "whose acknowledgment returned just before the kill, before it was reported").hasSizeLessThanOrEqualTo(1);
    }

    private static void readReport(Process child, Set<String> sent, Set<String> acked, CountDownLatch enough) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("SENT ")) {
                    sent.add(line.substring(5));
                } else if (line.startsWith("ACKED ")) {
                    acked.add(line.substring(6));
                }
                if (sent.size() >= SENDS_BEFORE_KILL && acked.size() >= ACKS_BEFORE_KILL) {
                    enough.countDown();
                }
            }
        } catch (IOException e) {
            // The child was killed; the stream ends here.
        }
    }

    private static Set<String> drain(String url, String queueName) throws Exception {
        Set<String> bodies = new HashSet<>();
        try (Connection connection = new TernConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            connection.start();
            TextMessage message;
            while ((message = (TextMessage) consumer.receive(2_000)) != null) {
                bodies.add(message.getText());
            }
        }
        return bodies;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
