package dev.tern.cli;

import dev.tern.jms.TernConnection;
import jakarta.jms.JMSException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tern dlq}: works with dead-letter queues. */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "Works with dead-letter queues.",
        subcommands = DlqCommand.Retry.class)
final class DlqCommand {

    /** {@code tern dlq retry}: moves dead letters back to where they came from. */
    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Moves the messages waiting on a dead-letter (or expiry) queue back to the queues they "
                    + "came from. Browse them first with: tern browse --destination DLQ")
    static final class Retry implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private ConnectionOptions connection;

        @Option(names = "--queue", defaultValue = "DLQ",
                description = "The dead-letter queue to empty (default ${DEFAULT-VALUE}).")
        private String queue;

        @Option(names = "--selector", description = "Retry only the messages this selector picks, for example "
                + "\"_TERN_ORIG_QUEUE = 'orders'\".")
        private String selector;

        @Override
        public Integer call() throws JMSException {
            try (TernConnection tern = connection.open()) {
                int moved = tern.retryDeadLetters(queue, selector);
                spec.commandLine().getOut().printf("Moved %d message%s from %s back to where %s came from%n",
                        moved, moved == 1 ? "" : "s", queue, moved == 1 ? "it" : "they");
            }
            return 0;
        }
    }
}
