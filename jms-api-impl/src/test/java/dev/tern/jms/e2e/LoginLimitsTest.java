package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.security.LoginLimits;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.ResourceAllocationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits against abuse of the login, over {@code tcp://}: an address that failed too many logins is
 * refused, even with the right password, until its minute is over, while everyone else goes on; a user
 * or an address gets at most its number of connections.
 */
@Timeout(60)
class LoginLimitsTest {

    private static final int MAX_FAILURES = 3;

    @TempDir
    Path dir;

    private final String name = "limits-" + UUID.randomUUID().toString().substring(0, 8);
    private TernConnectionFactory factory;

    @BeforeEach
    void start() throws IOException {
        Path users = Files.writeString(dir.resolve("users.properties"), "alice = secret\nbob = hunter2\n");
        Broker broker = EmbeddedBrokers.start(BrokerConfig.named(name).withPersistent(false).withUsersFile(users)
                .withLoginLimits(new LoginLimits(MAX_FAILURES, 2, 0))
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1")));
        factory = new TernConnectionFactory("tcp://127.0.0.1:" + broker.tcpPort());
    }

    @AfterEach
    void stop() {
        EmbeddedBrokers.stop(name);
    }

    @Test
    void anAddressThatFailedTooManyLoginsIsRefusedWithADelayAndOthersGoOn() throws JMSException {
        try (JMSContext before = factory.createContext("bob", "hunter2")) {
            for (int i = 0; i < MAX_FAILURES; i++) {
                assertThatThrownBy(() -> factory.createConnection("alice", "guess")).isInstanceOf(JMSSecurityException.class)
                        .hasMessageContaining("not accepted");
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> factory.createConnection("alice", "secret")).isInstanceOf(JMSSecurityException.class)
                    .hasMessageContaining("Too many failed logins");
            assertThat((System.nanoTime() - start) / 1_000_000).as("refused after a delay").isGreaterThanOrEqualTo(900);

            before.createProducer().send(before.createQueue("still-served"), "yes");
            assertThat(before.createConsumer(before.createQueue("still-served")).receiveBody(String.class, 5_000))
                    .isEqualTo("yes");
        }
    }

    @Test
    void aUserGetsAtMostItsConnectionsUntilOneCloses() throws JMSException {
        Connection first = factory.createConnection("alice", "secret");
        try (Connection second = factory.createConnection("alice", "secret");
                Connection other = factory.createConnection("bob", "hunter2")) {
            assertThatThrownBy(() -> factory.createConnection("alice", "secret"))
                    .isInstanceOf(ResourceAllocationException.class).hasMessageContaining("maxConnectionsPerUser");
            first.close();
            factory.createConnection("alice", "secret").close();
        } finally {
            first.close();
        }
    }
}
