package dev.tern.cli;

import dev.tern.jms.TernConnection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tern consume}: receives messages from a running broker and prints them. */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = "Receives messages and prints their text, one per line.")
final class ConsumeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--count", description = "Stop after this many messages (default: when none arrives for --timeout).")
    private Integer count;

    @Option(names = "--timeout", defaultValue = "5000",
            description = "Stop when no message arrives for this many milliseconds (default ${DEFAULT-VALUE}).")
    private long timeout;

    @Option(names = "--selector", description = "A message selector, for example \"colour = 'red'\".")
    private String selector;

    @Option(names = "--quiet", description = "Print only the total, not the messages.")
    private boolean quiet;

    @Override
    public Integer call() throws JMSException {
        PrintWriter out = spec.commandLine().getOut();
        int received = 0;
        try (TernConnection opened = connection.open()) {
            opened.start();
            Session session = opened.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(connection.destination(), selector);
            try {
                Message message;
                while ((count == null || received < count) && (message = consumer.receive(timeout)) != null) {
                    received++;
                    if (!quiet) {
                        out.println(describe(message));
                    }
                }
            } catch (JMSException e) {
                if (!opened.isLost()) {
                    throw e;
                }
            }
            if (opened.isLost()) {
                out.printf("Received %d message%s before the connection was lost%n", received, received == 1 ? "" : "s");
                throw new JMSException("The connection to " + connection.url + " was lost.");
            }
        }
        out.printf("Received %d message%s from %s%n", received, received == 1 ? "" : "s", connection.destination);
        return 0;
    }

    /** The text of a text message; the type and ID of any other. */
    static String describe(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        return "[" + message.getClass().getSimpleName() + " " + message.getJMSMessageID() + "]";
    }
}
