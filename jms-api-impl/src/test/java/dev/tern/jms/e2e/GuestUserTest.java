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
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker with a users file and a guest user lets in connections that give no user name, as that user,
 * and still refuses bad credentials; without a guest user it refuses both, as before. The Jakarta
 * Messaging TCK expects the first of a broker that refuses {@code invalid}/{@code invalid}.
 */
@Timeout(60)
class GuestUserTest {

    @TempDir
    Path dir;

    private Transport transport;
    private Path users;
    private final List<Connection> keepAlives = new ArrayList<>();
    private final List<String> pinnedBrokers = new ArrayList<>();

    @BeforeEach
    void writeUsers(Transport transport) throws IOException {
        this.transport = transport;
        users = Files.writeString(dir.resolve("users.properties"), "alice = secret\nguest = guest\nrole.readers = guest\n");
    }

    @AfterEach
    void stop() throws JMSException {
        try {
            for (Connection keepAlive : keepAlives) {
                keepAlive.close();
            }
        } finally {
            pinnedBrokers.forEach(EmbeddedBrokers::stop);
        }
    }

    @TransportTest
    void withAGuestUserAConnectionWithoutCredentialsIsLetIn() throws JMSException {
        TernConnectionFactory factory = broker("guest");

        try (Connection anonymous = factory.createConnection()) {
            Session session = anonymous.createSession();
            session.createProducer(session.createQueue("guests")).send(session.createTextMessage("hello"));
        }
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("guests");
            assertThat(context.createConsumer(queue).receiveBody(String.class, 2_000)).isEqualTo("hello");
        }
    }

    @TransportTest
    void withoutAGuestUserAConnectionWithoutCredentialsIsRefused() throws JMSException {
        TernConnectionFactory factory = broker(null);

        assertThatThrownBy(factory::createConnection)
                .isInstanceOf(JMSSecurityException.class).hasMessageContaining("requires a user name");
        assertThatThrownBy(factory::createContext).isInstanceOf(JMSSecurityRuntimeException.class);
    }

    @TransportTest
    void badCredentialsAreRefusedWithOrWithoutAGuestUser() throws JMSException {
        for (String guestUser : new String[] {"guest", null}) {
            TernConnectionFactory factory = broker(guestUser);
            assertThatThrownBy(() -> factory.createConnection("invalid", "invalid"))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> factory.createConnection("alice", "wrong")).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> factory.createConnection("guest", "wrong")).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> factory.createContext("invalid", "invalid"))
                    .isInstanceOf(JMSSecurityRuntimeException.class);
        }
    }

    /**
     * Starts a fresh in-memory broker with this users file and guest user (null for none), over this
     * test's transport: over {@code vm://} through the URL's {@code broker.*} options, over {@code tcp://}
     * through {@link BrokerConfig}. A connection as alice keeps it running until the test ends.
     */
    private TernConnectionFactory broker(String guestUser) throws JMSException {
        String name = "guest-" + UUID.randomUUID().toString().substring(0, 8);
        String url;
        if (transport == Transport.TCP) {
            Broker broker = EmbeddedBrokers.start(BrokerConfig.named(name).withPersistent(false).withUsersFile(users)
                    .withGuestUser(guestUser).withTcp(TcpSettings.onPort(0).withHost("127.0.0.1")));
            pinnedBrokers.add(name);
            url = "tcp://127.0.0.1:" + broker.tcpPort();
        } else {
            url = "vm://" + name + "?broker.persistent=false&broker.usersFile=" + users.toAbsolutePath()
                    + (guestUser == null ? "" : "&broker.guestUser=" + guestUser);
        }
        TernConnectionFactory factory = new TernConnectionFactory(url);
        keepAlives.add(factory.createConnection("alice", "secret"));
        return factory;
    }
}
