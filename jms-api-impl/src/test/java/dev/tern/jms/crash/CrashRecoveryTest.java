package dev.tern.jms.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.jms.TernConnectionFactory;
import dev.tern.jms.testing.ChildJvm;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

        try (ChildJvm child = ChildJvm.start(CrashingClient.class, List.of(), line -> {
            if (line.startsWith("SENT ")) {
                sent.add(line.substring(5));
            } else if (line.startsWith("ACKED ")) {
                acked.add(line.substring(6));
            }
        }, url)) {
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> sent.size() >= SENDS_BEFORE_KILL && acked.size() >= ACKS_BEFORE_KILL);
            assertThat(child.killAndWait()).as("killed by SIGKILL").isEqualTo(ChildJvm.KILLED);
        }

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
}
