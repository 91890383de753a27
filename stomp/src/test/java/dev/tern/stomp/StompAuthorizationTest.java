package dev.tern.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.security.AccessRules;
import dev.tern.broker.vm.EmbeddedBrokers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A STOMP client refused by the access rules gets an ERROR frame naming the permission, and nothing is stored. */
@Timeout(30)
class StompAuthorizationTest {

    private final String name = "stomp-authz-" + UUID.randomUUID().toString().substring(0, 8);
    private Broker broker;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"), "alice = secret\nbob = hunter2\nrole.shop = alice\n");
        broker = EmbeddedBrokers.start(BrokerConfig.named(name).withPersistent(false).withUsersFile(users)
                .withAccessRules(AccessRules.fromOptions(Map.of("orders.>.send", "shop", "orders.>.consume", "shop")))
                .withProtocol("stomp", TcpSettings.onPort(0).withHost("127.0.0.1")));
    }

    @AfterEach
    void stop() {
        EmbeddedBrokers.stop(name);
    }

    @Test
    void aSendWithoutSendPermissionIsAnErrorAndStoresNothing() throws Exception {
        try (StompClient bob = StompClient.connected(port(), "bob", "hunter2")) {
            bob.textFrame("SEND", "forged", "destination", "/queue/orders.eu", "receipt", "r1");
            StompClient.Frame error = bob.receive();
            assertThat(error.command()).isEqualTo("ERROR");
            assertThat(error.header("message")).contains("'bob'", "'send'", "orders.eu");
            assertThat(error.header("receipt-id")).isEqualTo("r1");
        }
        try (StompClient alice = StompClient.connected(port(), "alice", "secret")) {
            assertThat(alice.withReceipt("SEND", "order".getBytes(), "destination", "/queue/orders.eu").command())
                    .isEqualTo("RECEIPT");
        }
        assertThat(broker.messageCount("orders.eu")).hasValue(1);
    }

    @Test
    void aSubscribeWithoutConsumePermissionIsAnError() throws Exception {
        try (StompClient bob = StompClient.connected(port(), "bob", "hunter2")) {
            bob.frame("SUBSCRIBE", null, "id", "s", "destination", "/queue/orders.eu", "receipt", "r");
            StompClient.Frame error = bob.receive();
            assertThat(error.command()).isEqualTo("ERROR");
            assertThat(error.header("message")).contains("'bob'", "'consume'", "orders.eu");
        }
        assertThat(broker.postOffice().queue("orders.eu")).isNull();
    }

    private int port() {
        return broker.protocolAcceptor("stomp").port();
    }
}
