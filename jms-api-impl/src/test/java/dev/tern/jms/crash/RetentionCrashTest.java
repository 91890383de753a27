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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a broker's JVM with SIGKILL while it publishes persistent messages to a topic that retains them
 * and a durable subscriber acknowledges them; after a restart on the same journal, no acknowledged message
 * comes back on the subscription, and every publish that returned can be replayed.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RetentionCrashTest {

    private static final int SENDS_BEFORE_KILL = 400;
    private static final int ACKS_BEFORE_KILL = 100;

    @TempDir
    Path dataDir;

    @Test
    void afterKillNineAcknowledgedMessagesStayConsumedAndEveryReturnedPublishIsReplayable() throws Exception {
        String url = "vm://retaining?broker.dataDir=" + dataDir.toAbsolutePath()
                + "&broker.policy.crash.>.retentionMillis=-1";
        Set<String> sent = ConcurrentHashMap.newKeySet();
        Set<String> acked = ConcurrentHashMap.newKeySet();

        Process child = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                RetainingClient.class.getName(), url)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            CountDownLatch enough = new CountDownLatch(1);
            Thread reader = new Thread(() -> readReport(child, sent, acked, enough), "retention-report-reader");
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

        try (Connection connection = new TernConnectionFactory(url).createConnection()) {
            connection.setClientID(RetainingClient.CLIENT_ID);
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            connection.start();
            List<String> redelivered = drain(session.createDurableSubscriber(
                    session.createTopic(RetainingClient.TOPIC), RetainingClient.SUBSCRIPTION));
            List<String> replayed = drain(session.createConsumer(
                    session.createTopic(RetainingClient.TOPIC + "?consumer.replayFrom=beginning")));

            assertThat(redelivered).as("no acknowledged message comes back").doesNotContainAnyElementsOf(acked);
            assertThat(replayed).as("every publish that returned is retained").containsAll(sent);
            assertThat(new HashSet<>(replayed)).as("each retained once").hasSameSizeAs(replayed);
            assertThat(replayed).as("acknowledged messages are retained too").containsAll(acked);
        }
    }

    private static void readReport(Process child, Set<String> sent, Set<String> acked, CountDownLatch enough) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
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

    private static List<String> drain(MessageConsumer consumer) throws Exception {
        List<String> bodies = new ArrayList<>();
        TextMessage message;
        while ((message = (TextMessage) consumer.receive(2_000)) != null) {
            bodies.add(message.getText());
        }
        return bodies;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
