package dev.tern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.protocol.BranchId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin commands, run as a user would type them against a broker with users and no access rules of
 * its own: a user without the role {@code admin} is refused each with a clear error and exit code 1, and
 * changes nothing; an admin is not.
 */
@Timeout(60)
class AdminPermissionTest {

    @TempDir
    Path dir;

    private Broker broker;
    private String url;

    @BeforeEach
    void start() throws IOException {
        Path users = Files.writeString(dir.resolve("users.properties"), "root = r\nshop = s\nrole.admin = root\n");
        broker = Broker.start(BrokerConfig.named("cli-authz-" + UUID.randomUUID()).withPersistent(false)
                .withUsersFile(users).withTcpPort(0));
        url = "tcp://localhost:" + broker.tcpPort();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void aUserWithoutAdminIsRefusedEveryAdminCommand() {
        String branch = new BranchId(77, "order-42".getBytes(StandardCharsets.UTF_8), new byte[] {1}).toString();
        List<String[]> commands = List.of(
                new String[] {"stat", "--interval", "0"},
                new String[] {"policy", "set", "orders.>", "maxDeliveryAttempts", "3"},
                new String[] {"policy", "list"},
                new String[] {"dlq", "retry", "--queue", "DLQ"},
                new String[] {"xa", "commit", branch},
                new String[] {"xa", "rollback", branch},
                new String[] {"queue", "list"},
                new String[] {"connection", "list"},
                new String[] {"queue", "pause", "orders"},
                new String[] {"queue", "resume", "orders"},
                new String[] {"queue", "purge", "orders"},
                new String[] {"queue", "remove", "orders", "--selector", "TRUE"},
                new String[] {"queue", "move", "orders", "--to", "elsewhere"},
                new String[] {"backup", dir.resolve("refused.zip").toString()});
        for (String[] command : commands) {
            CliRun refused = run(command, "shop", "s");
            assertThat(refused.exitCode()).as(String.join(" ", command)).isEqualTo(1);
            assertThat(refused.err()).as(String.join(" ", command))
                    .contains("User 'shop' may not").contains("permission 'admin'");
        }
        assertThat(broker.policies().describe()).isEmpty();
        assertThat(broker.postOffice().queue("elsewhere")).isNull();
        assertThat(dir.resolve("refused.zip")).doesNotExist();
    }

    @Test
    void anAdminRunsThem() {
        assertThat(run(new String[] {"policy", "set", "orders.>", "maxDeliveryAttempts", "3"}, "root", "r").exitCode()).isZero();
        assertThat(run(new String[] {"policy", "list"}, "root", "r").out()).contains("orders.>");
        assertThat(run(new String[] {"stat", "--interval", "0"}, "root", "r").exitCode()).isZero();
        assertThat(run(new String[] {"dlq", "retry", "--queue", "DLQ"}, "root", "r").err()).as("allowed; no dead letters yet")
                .contains("There is no queue DLQ").doesNotContain("may not");
    }

    @Test
    void aUserWithoutAdminStillSendsAndConsumes() {
        assertThat(run(new String[] {"produce", "--destination", "queue://orders", "--count", "2"}, "shop", "s").exitCode())
                .isZero();
        CliRun consumed = run(new String[] {"consume", "--destination", "orders", "--timeout", "1000"}, "shop", "s");
        assertThat(consumed.out()).contains("Received 2 messages");
    }

    private CliRun run(String[] command, String user, String password) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--url", url, "--user", user, "--password", password));
        return CliRun.run(args.toArray(String[]::new));
    }
}
