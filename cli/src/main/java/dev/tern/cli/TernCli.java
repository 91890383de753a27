package dev.tern.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tern} command: runs the standalone broker and talks to a running one.
 *
 * <pre>
 * tern broker --port 61616 --data-dir ./data
 * tern produce --destination queue://orders --count 10
 * tern consume --destination queue://orders
 * tern browse --destination queue://orders
 * tern stat
 * tern dlq retry --queue DLQ --selector "_TERN_ORIG_QUEUE = 'orders'"
 * tern policy set 'orders.>' maxDeliveryAttempts 5
 * tern policy list --output json
 * tern queue pause orders
 * tern backup /var/backups/tern-2026-12-05.zip
 * tern queue move DLQ --to orders.review --selector "_TERN_ORIG_QUEUE = 'orders'"
 * tern user add alice --role admin --users-file users.properties
 * </pre>
 */
@Command(name = "tern", mixinStandardHelpOptions = true, versionProvider = TernVersion.class,
        description = "Tern, a Jakarta Messaging broker.",
        subcommands = {BrokerCommand.class, ProduceCommand.class, ConsumeCommand.class, BrowseCommand.class,
            StatCommand.class, QueueCommand.class, ConnectionCommand.class, DlqCommand.class, BackupCommand.class, PolicyCommand.class, XaCommand.class, UserCommand.class})
public final class TernCli {

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, for running it in-process. A failure prints its causes, not a stack trace. */
    public static CommandLine commandLine() {
        return new CommandLine(new TernCli()).setExecutionExceptionHandler((failure, commandLine, parsed) -> {
            commandLine.getErr().println("tern " + commandLine.getCommandName() + ": " + causes(failure));
            commandLine.getErr().flush();
            return 1;
        });
    }

    /** The messages of a failure and of its causes, joined, each once. */
    static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }
}
