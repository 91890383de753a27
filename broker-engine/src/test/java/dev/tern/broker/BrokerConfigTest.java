package dev.tern.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.security.JaasSettings;
import dev.tern.broker.security.SecuritySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {

    @TempDir
    Path dir;

    @Test
    void tcpIsOffUnlessAskedFor() {
        assertThat(BrokerConfig.named("b").tcp()).isNull();
        assertThat(BrokerConfig.named("b").withTcpPort(0).tcp()).isEqualTo(TcpSettings.onPort(0));
    }

    @Test
    void theTcpPortOptionTurnsTcpOn() {
        BrokerConfig config = BrokerConfig.fromOptions("b", Map.of("tcpPort", "61617", "persistent", "false"));
        assertThat(config.tcp().port()).isEqualTo(61617);
        assertThat(config.persistent()).isFalse();
        assertThatThrownBy(() -> BrokerConfig.fromOptions("b", Map.of("tcpPort", "x")))
                .hasMessageContaining("broker.tcpPort");
    }

    @Test
    void theHttpPortOptionServesHttpOnLocalhost() {
        BrokerConfig config = BrokerConfig.fromOptions("b", Map.of("httpPort", "0"));
        assertThat(config.management().http().host()).isEqualTo("localhost");
        assertThat(config.management().http().port()).isZero();
        assertThat(BrokerConfig.named("b").management().http()).isNull();
        try (Broker broker = Broker.start(config.withPersistent(false))) {
            assertThat(broker.httpPort()).isPositive();
        }
        try (Broker broker = Broker.start(BrokerConfig.named("no-http").withPersistent(false))) {
            assertThatThrownBy(broker::httpPort).hasMessageContaining("withHttp");
        }
    }

    @Test
    void aBrokerWithoutTcpSaysHowToTurnItOn() {
        try (Broker broker = Broker.start(BrokerConfig.named("no-tcp").withPersistent(false))) {
            assertThatThrownBy(broker::tcpPort).hasMessageContaining("withTcpPort");
        }
    }

    @Test
    void closingABrokerStopsItsTcpThreads() {
        Broker broker = Broker.start(BrokerConfig.named("tcp-threads").withPersistent(false).withTcp(
                TcpSettings.onPort(0).withHost("127.0.0.1")));
        assertThat(broker.tcpPort()).isPositive();
        broker.close();
        // Netty completes a group's termination from its last thread, which then still has to return.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Thread.getAllStackTraces().keySet())
                        .noneMatch(t -> t.isAlive() && t.getName().startsWith("tern-tcp-threads-")));
    }

    @Test
    void aPortInUseIsAClearError() {
        try (Broker first = Broker.start(BrokerConfig.named("first").withPersistent(false).withTcp(
                TcpSettings.onPort(0).withHost("127.0.0.1")))) {
            int port = first.tcpPort();
            assertThatThrownBy(() -> Broker.start(BrokerConfig.named("second").withPersistent(false).withTcp(
                    TcpSettings.onPort(port).withHost("127.0.0.1"))))
                    .hasMessageContaining("Cannot listen on tcp://127.0.0.1:" + port);
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("tern-second-"));
    }

    @Test
    void thereIsNoGuestUserUnlessAskedFor() {
        assertThat(BrokerConfig.named("b").security()).isEqualTo(SecuritySettings.NONE);
        assertThat(BrokerConfig.named("b").withUsersFile(Path.of("users.properties")).withGuestUser("guest").security())
                .isEqualTo(new SecuritySettings(Path.of("users.properties"), "guest", null));
    }

    @Test
    void securityOptionsBecomeAccessRules() {
        BrokerConfig config = BrokerConfig.fromOptions("b", Map.of("security.orders.>.send", "shop,admin"));
        assertThat(config.security().accessRules().describe()).containsExactlyEntriesOf(Map.of("orders.>.send", "admin, shop"));
        assertThatThrownBy(() -> BrokerConfig.fromOptions("b", Map.of("security.orders.>.post", "shop")))
                .isInstanceOf(BrokerException.class).hasMessageContaining("'post'");
    }

    @Test
    void jaasCertificateAndLimitOptionsSetTheSecurity() {
        BrokerConfig config = BrokerConfig.fromOptions("b", Map.of("jaasConfigFile", "login.config",
                "certificateUsersFile", "certs.properties", "maxConnectionsPerUser", "5"));
        assertThat(config.security().jaas()).isEqualTo(JaasSettings.of(Path.of("login.config")));
        assertThat(config.security().certificateUsersFile()).isEqualTo(Path.of("certs.properties"));
        assertThat(config.security().limits().maxConnectionsPerUser()).isEqualTo(5);
        assertThatThrownBy(() -> BrokerConfig.fromOptions("b", Map.of("jaasEntry", "x")))
                .isInstanceOf(BrokerException.class).hasMessageContaining("jaasConfigFile");
        assertThatThrownBy(() -> BrokerConfig.fromOptions("b", Map.of("maxConnectionsPerUser", "-2")))
                .isInstanceOf(BrokerException.class).hasMessageContaining("broker.maxConnectionsPerUser");
    }

    @Test
    void theGuestUserOptionNamesTheGuestOfTheUsersFile() {
        BrokerConfig config = BrokerConfig.fromOptions("b", Map.of("usersFile", "users.properties", "guestUser", "guest"));
        assertThat(config.security()).isEqualTo(new SecuritySettings(Path.of("users.properties"), "guest", null));
        assertThatThrownBy(() -> BrokerConfig.fromOptions("b", Map.of("guest", "guest")))
                .hasMessageContaining("broker.guest;").hasMessageContaining("broker.guestUser");
    }

    @Test
    void aBrokerWhoseGuestUserIsNotInItsUsersFileRefusesToStart() throws IOException {
        Path users = Files.writeString(dir.resolve("users.properties"), "alice = secret\n");
        assertThatThrownBy(() -> Broker.start(BrokerConfig.named("unknown-guest").withPersistent(false)
                .withUsersFile(users).withGuestUser("guest")))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("'guest'").hasMessageContaining(users.toAbsolutePath().toString());
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("tern-unknown-guest-"));
    }

    @Test
    void aBrokerWithAGuestUserButNoUsersFileRefusesToStart() {
        assertThatThrownBy(() -> Broker.start(BrokerConfig.named("guest-no-users").withPersistent(false)
                .withGuestUser("guest")))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("'guest'").hasMessageContaining("no users file");
    }
}
