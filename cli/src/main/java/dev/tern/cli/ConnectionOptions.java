package dev.tern.cli;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import picocli.CommandLine.Option;

/** The options every client command shares: where the broker is, who connects, and which destination. */
final class ConnectionOptions {

    @Option(names = "--url", defaultValue = "tcp://localhost:61616",
            description = "Broker URL (default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--user", description = "User name, if the broker requires a login.")
    String user;

    @Option(names = "--password", description = "Password of --user.")
    String password;

    @Option(names = "--destination", defaultValue = "queue://TEST", paramLabel = "queue://NAME|topic://NAME",
            description = "Destination; a name without prefix is a queue (default ${DEFAULT-VALUE}).")
    String destination;

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
