package dev.tern.jms.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.jms.TernConnectionFactory;
import dev.tern.jms.testing.ChildJvm;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a broker's JVM with SIGKILL while producers send persistent messages with duplicate IDs, restarts
 * it on the same journal and resends every ID each producer had sent or may have had in flight: each ID
 * must then be on the queue exactly once, none lost and none twice.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DuplicateDetectionCrashTest {

    private static final int SENDS_BEFORE_KILL = 150;
    /** More than a producer can have in flight: a send returns before the next starts. */
    private static final int RESEND_MARGIN = 3;

    @TempDir
    Path dataDir;

    @Test
    void resendingAfterKillNineEnqueuesNothingTwiceAndLosesNothing() throws Exception {
        String url = "vm://dedup-crash?broker.dataDir=" + dataDir.toAbsolutePath()
                + "&broker.policy.crash.>.duplicateIdWindow=100000";
        int[] lastSent = new int[DuplicateSendingClient.PRODUCERS];
        java.util.Arrays.fill(lastSent, -1);
        ConcurrentHashMap<String, Boolean> sent = new ConcurrentHashMap<>();

        try (ChildJvm child = ChildJvm.start(DuplicateSendingClient.class, List.of(), line -> {
            if (line.startsWith("SENT ")) {
                sent.put(line.substring(5), Boolean.TRUE);
            }
        }, url)) {
            await().atMost(Duration.ofMinutes(2)).until(() -> sent.size() >= SENDS_BEFORE_KILL);
            assertThat(child.killAndWait()).as("killed by SIGKILL").isEqualTo(ChildJvm.KILLED);
        }
        for (String id : sent.keySet()) {
            int producer = Integer.parseInt(id.substring(1, id.indexOf('-')));
            lastSent[producer] = Math.max(lastSent[producer], Integer.parseInt(id.substring(id.indexOf('-') + 1)));
        }

        List<String> expected = new ArrayList<>();
        try (Connection connection = new TernConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(DuplicateSendingClient.QUEUE));
            for (int p = 0; p < DuplicateSendingClient.PRODUCERS; p++) {
                for (int n = 0; n <= lastSent[p] + RESEND_MARGIN; n++) {
                    String id = DuplicateSendingClient.id(p, n);
                    DuplicateSendingClient.send(producer, session, id);
                    expected.add(id);
                }
            }
            List<String> received = new ArrayList<>();
            MessageConsumer consumer = session.createConsumer(session.createQueue(DuplicateSendingClient.QUEUE));
            connection.start();
            TextMessage message;
            while ((message = (TextMessage) consumer.receive(1_000)) != null) {
                received.add(message.getText());
            }
            assertThat(sent.size()).isGreaterThanOrEqualTo(SENDS_BEFORE_KILL);
            assertThat(received).as("every ID exactly once after the crash and the resend")
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
