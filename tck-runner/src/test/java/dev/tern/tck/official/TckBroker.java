package dev.tern.tck.official;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.vm.EmbeddedBrokers;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the TCK's broker, {@code vm://}{@value #NAME}, running for the whole test run. Started by its
 * first connection alone, an in-memory broker would stop, losing its messages, whenever a test closed
 * its last connection between a send and a receive. Registered with the JUnit Platform through
 * {@code META-INF/services}.
 */
public final class TckBroker implements LauncherSessionListener {

    static final String NAME = "tck";
    static final String USERS_FILE = "tck-users.properties";
    private static final Logger LOG = LoggerFactory.getLogger(TckBroker.class);

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (EmbeddedBrokers.find(NAME).isEmpty()) {
            EmbeddedBrokers.start(BrokerConfig.named(NAME).withPersistent(false).withUsersFile(usersFile()));
            LOG.info("TCK broker vm://{} started for the test run", NAME);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        EmbeddedBrokers.stop(NAME);
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
