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
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills a JVM with SIGKILL while it sends persistent messages with a CompletionListener, many uncompleted
 * at a time, restarts its broker on the same journal, and checks that every message whose completion was
 * reported survived: {@code onCompletion} of a persistent send comes only after the message is on disk.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AsyncSendCrashTest {

    private static final int COMPLETIONS_BEFORE_KILL = 2_000;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"vm", "tcp"})
    void everyReportedCompletionSurvivesKillNineAndCompletionsCameInSendOrder(String transport) throws Exception {
        List<String> completed = Collections.synchronizedList(new ArrayList<>());
        List<String> failed = Collections.synchronizedList(new ArrayList<>());

        try (ChildJvm child = ChildJvm.start(AsyncSendingClient.class, List.of(), line -> {
            if (line.startsWith("COMPLETED ")) {
                completed.add(line.substring(10));
            } else if (line.startsWith("FAILED ")) {
                failed.add(line.substring(7));
            }
        }, dataDir.toAbsolutePath().toString(), transport)) {
            await().atMost(Duration.ofMinutes(2)).until(() -> completed.size() >= COMPLETIONS_BEFORE_KILL);
            assertThat(child.killAndWait()).as("killed by SIGKILL").isEqualTo(ChildJvm.KILLED);
        }

        Set<String> recovered = drain("vm://" + AsyncSendingClient.BROKER + "?broker.dataDir=" + dataDir.toAbsolutePath());

        assertThat(failed).as("no send failed before the kill").isEmpty();
        assertThat(recovered).as("every message whose completion was reported is there after restart")
                .containsAll(completed);
        for (int p = 0; p < AsyncSendingClient.PRODUCERS; p++) {
            String prefix = "p" + p + "-";
            List<Integer> ofProducer = List.copyOf(completed).stream().filter(body -> body.startsWith(prefix))
                    .map(body -> Integer.parseInt(body.substring(prefix.length()))).toList();
            assertThat(ofProducer).as("producer %d's completions in send order, none skipped", p)
                    .isEqualTo(java.util.stream.IntStream.range(0, ofProducer.size()).boxed().toList());
        }
    }

    private static Set<String> drain(String url) throws Exception {
        Set<String> bodies = new HashSet<>();
        try (Connection connection = new TernConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(AsyncSendingClient.QUEUE));
            connection.start();
            TextMessage message;
            while ((message = (TextMessage) consumer.receive(2_000)) != null) {
                bodies.add(message.getText());
            }
        }
        return bodies;
    }
}
