package dev.tern.tck.official;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.security.LoginLimits;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker of the official TCK, {@code vm://}{@value #NAME}: in memory, with the TCK's users file
 * and {@value #GUEST} as the guest user of connections that give no user name. With the system property
 * {@value #TRANSPORT_PROPERTY}{@code =tcp} it also listens on 127.0.0.1 on the port in
 * {@value #PORT_PROPERTY}, which the tcp:// run's JNDI names point at; with {@code =amqp} it serves AMQP 1.0
 * there instead, for the run through Qpid JMS.
 *
 * <p>Started when the test run opens, so that it outlives each test's connections (started by its first
 * connection alone, an in-memory broker would stop, losing its messages, whenever a test closed its last
 * connection between a send and a receive); {@link #restart()} gives each TCK test an empty one. Registered
 * with the JUnit Platform through {@code META-INF/services}.
 */
public final class TckBroker implements LauncherSessionListener {

    static final String NAME = "tck";
    static final String USERS_FILE = "tck-users.properties";
    static final String GUEST = "j2ee";
    static final String TRANSPORT_PROPERTY = "tern.tck.transport";
    static final String PORT_PROPERTY = "tern.tck.tcpPort";
    private static final Logger LOG = LoggerFactory.getLogger(TckBroker.class);

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (EmbeddedBrokers.find(NAME).isEmpty()) {
            start();
            LOG.info("TCK broker vm://{} started for the test run{}", NAME, transport().equals("vm") ? ""
                    : ", listening for " + transport() + " on 127.0.0.1:" + System.getProperty(PORT_PROPERTY));
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        EmbeddedBrokers.stop(NAME);
    }

    /** Replaces the running broker with an empty one; its clients' connections are closed. */
    static synchronized void restart() {
        EmbeddedBrokers.stop(NAME);
        start();
    }

    private static void start() {
        // The TCK tries bad credentials on purpose, from 127.0.0.1 over tcp://: no cap on failed logins.
        BrokerConfig config = BrokerConfig.named(NAME).withPersistent(false).withUsersFile(usersFile()).withGuestUser(GUEST)
                .withLoginLimits(LoginLimits.DEFAULT.withMaxFailedLoginsPerMinute(0));
        if (transport().equals("tcp")) {
            config = config.withTcp(reservedPort());
        } else if (transport().equals("amqp")) {
            config = config.withProtocol("amqp", reservedPort());
        }
        EmbeddedBrokers.start(config);
    }

    /** {@code vm}, {@code tcp} or {@code amqp}: how the run's JNDI names reach the broker. */
    private static String transport() {
        return System.getProperty(TRANSPORT_PROPERTY, "vm");
    }

    private static TcpSettings reservedPort() {
        return TcpSettings.onPort(Integer.parseInt(System.getProperty(PORT_PROPERTY))).withHost("127.0.0.1");
    }

    private static Path usersFile() {
        URL resource = TckBroker.class.getClassLoader().getResource(USERS_FILE);
        if (resource == null) {
            throw new IllegalStateException(USERS_FILE + " is missing from the test class path.");
        }
        try {
            return Path.of(resource.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
    }
}
