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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

        try (ChildJvm child = ChildJvm.start(DeadLetteringClient.class, List.of(), line -> {
            if (line.startsWith("ACKED ")) {
                acked.add(line.substring(6));
            } else if (line.startsWith("MOVED ")) {
                moved.addAndGet(Integer.parseInt(line.substring(6)));
            }
        }, url)) {
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> acked.size() >= ACKS_BEFORE_KILL && moved.get() >= MOVES_BEFORE_KILL);
            assertThat(child.killAndWait()).as("killed by SIGKILL").isEqualTo(ChildJvm.KILLED);
        }

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
}
