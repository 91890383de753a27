package dev.tern.broker.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.RecordingClient;
import dev.tern.broker.security.PasswordHash;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.Command;
import dev.tern.protocol.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials are checked off the connection's lane; the commands a client sends meanwhile wait for
 * the login and are answered after it, in order, and a client that sends too many is cut off.
 */
@Timeout(60)
class LoginOrderTest {

    @TempDir
    Path dir;

    private Broker broker;

    @BeforeEach
    void start() throws Exception {
        String slowHash = PasswordHash.of("secret".toCharArray(), PasswordHash.DEFAULT_ITERATIONS).encoded();
        Path users = Files.writeString(dir.resolve("users.properties"), "alice = " + slowHash + "\n");
        broker = Broker.start(BrokerConfig.named("login-order").withPersistent(false).withUsersFile(users));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void commandsSentDuringTheLoginAreAnsweredAfterItInOrder() {
        RecordingClient client = RecordingClient.connectedAsSocket(broker, "/10.1.1.1:1000");
        long open = client.send(id -> new Command.OpenConnection(id, null, "alice", "secret"));
        List<Long> sessions = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            long sessionId = i;
            sessions.add(client.send(id -> new Command.CreateSession(id, sessionId, AckMode.AUTO)));
        }
        client.awaitAnswer(sessions.get(sessions.size() - 1));

        List<Long> answered = client.events().stream().filter(Event.Answer.class::isInstance)
                .map(event -> ((Event.Answer) event).requestId()).toList();
        List<Long> expected = new ArrayList<>(List.of(open));
        expected.addAll(sessions);
        assertThat(answered).containsExactlyElementsOf(expected);
        assertThat(client.events()).allMatch(Event.Ok.class::isInstance);
    }

    @Test
    void aClientThatSendsTooMuchBeforeItsLoginIsAnsweredIsCutOff() {
        RecordingClient client = RecordingClient.connectedAsSocket(broker, "/10.1.1.2:1000");
        client.send(id -> new Command.OpenConnection(id, null, "alice", "secret"));
        for (int i = 1; i <= LoginGate.MAX_HELD + 1; i++) {
            long sessionId = i;
            client.send(id -> new Command.CreateSession(id, sessionId, AckMode.AUTO));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> client.events().stream()
                .anyMatch(event -> event instanceof Event.ConnectionClosed closed
                        && closed.message().contains("before its login was answered")));
    }
}
