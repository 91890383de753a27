package dev.tern.cli;

import dev.tern.jms.TernConnection;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
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
        TernConnectionFactory factory = new TernConnectionFactory(url);
        return (TernConnection) (user == null ? factory.createConnection() : factory.createConnection(user, password));
    }

    /** The destination named by {@code --destination}, made by a classic session. */
    Destination destination(Session session) throws JMSException {
        if (destination.startsWith("topic://")) {
            return session.createTopic(destination.substring("topic://".length()));
        }
        return session.createQueue(destination.startsWith("queue://")
                ? destination.substring("queue://".length()) : destination);
    }

    /** A JMS context for these options; the caller closes it. */
    JMSContext context(int sessionMode) {
        TernConnectionFactory factory = new TernConnectionFactory(url);
        return user == null ? factory.createContext(sessionMode) : factory.createContext(user, password, sessionMode);
    }

    /** The destination named by {@code --destination}. */
    Destination destination(JMSContext context) {
        if (destination.startsWith("topic://")) {
            return context.createTopic(destination.substring("topic://".length()));
        }
        return context.createQueue(destination.startsWith("queue://")
                ? destination.substring("queue://".length()) : destination);
    }
}
