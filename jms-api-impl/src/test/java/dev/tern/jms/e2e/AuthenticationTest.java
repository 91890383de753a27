package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Queue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A broker with a users file lets in only connections that prove who they are. */
@Timeout(60)
class AuthenticationTest {

    @TempDir
    Path dir;

    private final String name = "auth-" + UUID.randomUUID().toString().substring(0, 8);
    private Transport transport;
    private TernConnectionFactory factory;
    private Connection keepAlive;

    @BeforeEach
    void start(Transport transport) throws IOException, JMSException {
        this.transport = transport;
        Path users = Files.writeString(dir.resolve("users.properties"), "alice = secret\nrole.senders = alice\n");
        String url;
        if (transport == Transport.TCP) {
            Broker broker = EmbeddedBrokers.start(BrokerConfig.named(name).withPersistent(false).withUsersFile(users)
                    .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1")));
            url = "tcp://127.0.0.1:" + broker.tcpPort();
        } else {
            url = "vm://" + name + "?broker.persistent=false&broker.usersFile=" + users.toAbsolutePath();
        }
        factory = new TernConnectionFactory(url);
        keepAlive = factory.createConnection("alice", "secret");
    }

    @AfterEach
    void stop() throws JMSException {
        try {
            keepAlive.close();
        } finally {
            if (transport == Transport.TCP) {
                EmbeddedBrokers.stop(name);
            }
        }
    }

    @TransportTest
    void aKnownUserWithItsPasswordSendsAndReceives() {
        try (JMSContext context = factory.createContext("alice", "secret")) {
            Queue queue = context.createQueue("secured");
            context.createProducer().send(queue, "hello");
            assertThat(context.createConsumer(queue).receiveBody(String.class, 2_000)).isEqualTo("hello");
        }
    }

    @TransportTest
    void badCredentialsRaiseJmsSecurityException() {
        assertThatThrownBy(() -> factory.createConnection("alice", "wrong"))
                .isInstanceOf(JMSSecurityException.class).hasMessageContaining("alice");
        assertThatThrownBy(() -> factory.createConnection("mallory", "secret"))
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> factory.createQueueConnection("alice", null))
                .isInstanceOf(JMSSecurityException.class);
    }

    @TransportTest
    void aConnectionWithoutCredentialsIsRefused() {
        assertThatThrownBy(factory::createConnection)
                .isInstanceOf(JMSSecurityException.class).hasMessageContaining("requires a user name");
    }

    @TransportTest
    void theSimplifiedApiRaisesJmsSecurityRuntimeException() {
        assertThatThrownBy(() -> factory.createContext("alice", "wrong"))
                .isInstanceOf(JMSSecurityRuntimeException.class);
    }

    @TransportTest
    void aRefusedConnectionLosesNothingForOthers() throws JMSException {
        try (JMSContext context = factory.createContext("alice", "secret")) {
            Queue queue = context.createQueue("kept");
            context.createProducer().send(queue, "still here");
            assertThatThrownBy(() -> factory.createConnection("alice", "wrong")).isInstanceOf(JMSSecurityException.class);
            assertThat(context.createConsumer(queue).receiveBody(String.class, 2_000)).isEqualTo("still here");
        }
    }
}
