package dev.tern.cli;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tern browse}: lists the messages waiting on a queue without consuming them. */
@Command(name = "browse", mixinStandardHelpOptions = true,
        description = "Lists the messages waiting on a queue, in delivery order, without consuming them.")
final class BrowseCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--selector", description = "Show only messages this selector picks.")
    private String selector;

    @Mixin
    private OutputOption output;

    @Override
    public Integer call() throws JMSException {
        PrintWriter out = spec.commandLine().getOut();
        List<BrowsedMessage> seen = new ArrayList<>();
        try (JMSContext context = connection.context(JMSContext.AUTO_ACKNOWLEDGE);
                QueueBrowser browser = context.createBrowser(queue(), selector)) {
            for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements(); ) {
                Message message = (Message) messages.nextElement();
                if (output.json()) {
                    seen.add(BrowsedMessage.of(message));
                } else {
                    out.printf("%s  priority %d  %s%n", message.getJMSMessageID(), message.getJMSPriority(),
                            ConsumeCommand.describe(message));
                    seen.add(null);
                }
            }
        }
        if (output.json()) {
            OutputOption.printJson(out, seen);
        } else {
            out.printf("%d message%s waiting on %s%n", seen.size(), seen.size() == 1 ? "" : "s", connection.destination);
        }
        return 0;
    }

    private Queue queue() {
        if (connection.destination() instanceof Queue queue) {
            return queue;
        }
        throw new IllegalArgumentException("Only queues can be browsed; " + connection.destination + " is a topic.");
    }
}
