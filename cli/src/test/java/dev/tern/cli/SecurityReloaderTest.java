package dev.tern.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.security.SecuritySettings;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Queue;
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
 * The standalone broker puts a changed configuration file's security settings in force for connections
 * already open, and keeps the old ones when the new file is bad or would drop the users file.
 */
@Timeout(60)
class SecurityReloaderTest {

    private static final String USERS = "shop = s\nbilling = b\nrole.shop = shop\nrole.billing = billing\n";
    private static final String RULES = "usersFile = users.properties\nsecurity.>.consume = billing\n";

    @TempDir
    Path dir;

    private Path configFile;
    private Broker broker;
    private SecurityReloader reloader;
    private TernConnectionFactory factory;

    @BeforeEach
    void start() throws IOException {
        Files.writeString(dir.resolve("users.properties"), USERS);
        configFile = Files.writeString(dir.resolve("tern.properties"), RULES + "security.>.send = shop\n");
        SecuritySettings security = settings().security();
        broker = Broker.start(BrokerConfig.named("reload-" + UUID.randomUUID()).withPersistent(false)
                .withSecurity(security).withTcpPort(0));
        reloader = new SecurityReloader(broker, configFile, security, () -> settings().security());
        factory = new TernConnectionFactory("tcp://localhost:" + broker.tcpPort());
    }

    @AfterEach
    void stop() {
        reloader.close();
        broker.close();
    }

    @Test
    void aChangedRuleDecidesTheNextSendOfAnOpenConnection() throws IOException {
        try (JMSContext billing = factory.createContext("billing", "b")) {
            Queue queue = billing.createQueue("orders");
            assertThatThrownBy(() -> billing.createProducer().send(queue, "before")).isInstanceOf(JMSSecurityRuntimeException.class);

            Files.writeString(configFile, RULES + "security.>.send = shop, billing\n");
            reloader.reloadIfChanged();

            billing.createProducer().send(queue, "after");
            assertThat(broker.messageCount("orders")).hasValue(1);
        }
    }

    @Test
    void aChangedUsersFileLetsANewUserIn() throws IOException {
        assertThatThrownBy(() -> factory.createContext("carol", "c")).isInstanceOf(JMSSecurityRuntimeException.class);

        Files.writeString(dir.resolve("users.properties"), USERS + "carol = c\nrole.shop = shop, carol\n");
        reloader.reloadIfChanged();

        try (JMSContext carol = factory.createContext("carol", "c")) {
            carol.createProducer().send(carol.createQueue("orders"), "from carol");
        }
        assertThat(broker.messageCount("orders")).hasValue(1);
    }

    @Test
    void aBadFileOrOneWithoutUsersChangesNothing() throws IOException {
        Files.writeString(configFile, RULES + "security.>.send = shop, billing\nsecurity.>.post = billing\n");
        reloader.reloadIfChanged();
        Files.writeString(configFile, "security.>.send = *\nsecurity.>.consume = *\n");
        reloader.reloadIfChanged();

        try (JMSContext billing = factory.createContext("billing", "b")) {
            assertThatThrownBy(() -> billing.createProducer().send(billing.createQueue("orders"), "x"))
                    .isInstanceOf(JMSSecurityRuntimeException.class);
        }
        assertThatThrownBy(() -> factory.createContext()).isInstanceOf(JMSSecurityRuntimeException.class);
    }

    private BrokerSettings settings() {
        return BrokerSettings.defaults().withFile(configFile);
    }
}
