package dev.tern.cli;

import dev.tern.jms.TernConnection;
import dev.tern.jms.TernConnectionFactory;
import dev.tern.jms.TernQueue;
import dev.tern.jms.TernTopic;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import picocli.CommandLine.Option;

/** The options every client command shares: where the broker is, who connects, and which destination. */
final class ConnectionOptions {

    @Option(names = "--url", defaultValue = "tcp://localhost:61616",
            description = "Broker URL (default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--user", description = "User name, if the broker requires a login.")
    String user;

    @Option(names = "--password", description = "Password of --user; the TERN_PASSWORD environment variable "
            + "keeps it out of the process list.", defaultValue = "${env:TERN_PASSWORD}")
    String password;

    @Option(names = "--destination", defaultValue = "queue://TEST", paramLabel = "queue://NAME|topic://NAME",
            description = "Destination; a name without prefix is a queue (default ${DEFAULT-VALUE}).")
    String destination;

    /** A connection, not yet started, for these options; the caller closes it. */
    TernConnection open() throws JMSException {
        return (TernConnection) (user == null ? factory().createConnection() : factory().createConnection(user, password));
    }

    /** A JMS context for these options; the caller closes it. */
    JMSContext context(int sessionMode) {
        return user == null ? factory().createContext(sessionMode) : factory().createContext(user, password, sessionMode);
    }

    /**
     * The destination named by {@code --destination}, usable with either API.
     *
     * @throws IllegalArgumentException if its options are malformed
     */
    Destination destination() {
        if (destination.startsWith("topic://")) {
            return new TernTopic(destination.substring("topic://".length()));
        }
        return new TernQueue(destination.startsWith("queue://") ? destination.substring("queue://".length()) : destination);
    }

    private TernConnectionFactory factory() {
        return new TernConnectionFactory(url);
    }
}
