package dev.tern.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.RecordingClient;
import dev.tern.protocol.Command;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log, on the logger {@code dev.tern.audit} (at INFO in this module's test logging): who logged in or
 * was refused, who changed a policy or deleted a destination, from where. slf4j-simple looks up System.err on
 * every line, so the test reads the lines there.
 */
class AuditLogTest {

    private static final String FROM = "/10.1.2.3:45678";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private Broker broker;

    @BeforeEach
    void start() throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"), "alice = secret\nbob = hunter2\nrole.admin = alice\n");
        broker = Broker.start(BrokerConfig.named("audit").withPersistent(false).withUsersFile(users));
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setErr(originalErr);
        broker.close();
    }

    @Test
    void aRefusedLoginIsRecordedWithTheUserAndTheAddress() {
        RecordingClient client = RecordingClient.connectedAsSocket(broker, FROM);
        client.awaitAnswer(client.send(id -> new Command.OpenConnection(id, null, "alice", "wrong")));

        assertThat(auditLines()).anySatisfy(line -> assertThat(line)
                .contains("login-refused user=alice from=" + FROM + " connection=").contains("what=\""));
    }

    @Test
    void loginsAdminActionsAndDeletionsAreRecorded() {
        RecordingClient client = RecordingClient.connectedAsSocket(broker, FROM);
        client.call(id -> new Command.OpenConnection(id, null, "alice", "secret"));
        client.call(id -> new Command.SetPolicy(id, "orders.>", "maxDeliveryAttempts", "3"));
        DestinationName temporary = new DestinationName(DestinationType.TEMPORARY_QUEUE, "audited-temp-1");
        client.call(id -> new Command.CreateTemporaryDestination(id, temporary));
        client.call(id -> new Command.DeleteTemporaryDestination(id, temporary));
        broker.postOffice().pointToPointQueue(DestinationName.queue("old"));
        broker.deleteQueue("old");

        assertThat(auditLines())
                .anySatisfy(line -> assertThat(line).contains(" login user=alice from=" + FROM))
                .anySatisfy(line -> assertThat(line).contains(" admin user=alice from=" + FROM)
                        .contains("what=\"policy set orders.> maxDeliveryAttempts = 3\""))
                .anySatisfy(line -> assertThat(line).contains(" delete user=alice from=" + FROM)
                        .contains("what=\"temporary destination audited-temp-1\""))
                .anySatisfy(line -> assertThat(line).contains(" delete user=(broker API) from=in-JVM")
                        .contains("what=\"queue old\""));
    }

    @Test
    void aCallTheAccessRulesRefuseIsRecordedWithThePermission() {
        RecordingClient client = RecordingClient.connectedAsSocket(broker, FROM);
        client.call(id -> new Command.OpenConnection(id, null, "bob", "hunter2"));
        client.awaitAnswer(client.send(id -> new Command.SetPolicy(id, "orders.>", "maxDeliveryAttempts", "3")));

        assertThat(auditLines()).anySatisfy(line -> assertThat(line).contains(" denied user=bob from=" + FROM)
                .contains("what=\"administer every destination matching orders.> (permission admin)\""));
        assertThat(broker.policies().describe()).isEmpty();
    }

    @Test
    void anAddressThrottledForFailedLoginsIsRecordedOnceNotPerAttempt() {
        int max = LoginLimits.DEFAULT.maxFailedLoginsPerMinute();
        for (int attempt = 0; attempt < max + 3; attempt++) {
            RecordingClient client = RecordingClient.connectedAsSocket(broker, "/10.9.9.9:" + (40_000 + attempt));
            client.awaitAnswer(client.send(id -> new Command.OpenConnection(id, null, "alice", "guess")));
        }

        assertThat(auditLines()).filteredOn(line -> line.contains("throttled")).singleElement()
                .satisfies(line -> assertThat(line).contains("login-refused user=alice from=/10.9.9.9:")
                        .contains(max + " failed logins from 10.9.9.9 within a minute"));
        assertThat(auditLines()).filteredOn(line -> line.contains("from=/10.9.9.9:")).hasSize(max + 1);
    }

    private List<String> auditLines() {
        return captured.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains(AuditLog.LOGGER)).toList();
    }
}
