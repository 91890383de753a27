package dev.tern.stomp;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * An embedded broker serving STOMP on a free port, with users {@code alice/secret} and {@code bob/hunter2}
 * {@code work.maxDeliveryAttempts=2} and {@code slow.visibilityTimeoutMillis=500}; its native JMS client reaches it over {@code vm://}.
 */
final class StompBroker implements AutoCloseable {

    final String name = "stomp-" + UUID.randomUUID().toString().substring(0, 8);
    final Broker broker;

    StompBroker(Path dir) {
        this(dir, settings -> settings);
    }

    StompBroker(Path dir, UnaryOperator<TcpSettings> settings) {
        Path users = dir.resolve("users.properties");
        try {
            Files.writeString(users, "alice = secret\nbob = hunter2\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = EmbeddedBrokers.start(BrokerConfig.named(name).withPersistent(false).withUsersFile(users)
                .withPolicies(AddressPolicies.fromOptions(Map.of("work.maxDeliveryAttempts", "2", "slow.visibilityTimeoutMillis", "500")))
                .withProtocol("stomp", settings.apply(TcpSettings.onPort(0).withHost("127.0.0.1"))));
    }

    int port() {
        return broker.protocolAcceptor("stomp").port();
    }

    StompClient client() throws IOException {
        return StompClient.connected(port(), "alice", "secret");
    }

    Connection jms() throws JMSException {
        Connection connection = new TernConnectionFactory("vm://" + name).createConnection("bob", "hunter2");
        connection.start();
        return connection;
    }

    int consumers(String queue) {
        return broker.postOffice().queue(queue) == null ? 0 : broker.postOffice().queue(queue).consumerCount();
    }

    /** Messages waiting on a queue. */
    int messages(String queue) {
        return broker.messageCount(queue).orElse(0);
    }

    /** Messages a queue still holds: waiting or delivered and not acknowledged. */
    int held(String queue) {
        return broker.unacknowledgedCount(queue).orElse(0);
    }

    @Override
    public void close() {
        EmbeddedBrokers.stop(name);
    }
}
