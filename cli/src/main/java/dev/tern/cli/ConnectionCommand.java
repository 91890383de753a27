package dev.tern.cli;

import dev.tern.jms.TernConnection;
import dev.tern.protocol.ConnectionInfo;
import jakarta.jms.JMSException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tern connection list}: the broker's client connections. */
@Command(name = "connection", mixinStandardHelpOptions = true, description = "Shows the broker's client connections.",
        subcommands = ConnectionCommand.ListConnections.class)
final class ConnectionCommand {

    private ConnectionCommand() {
    }

    /** {@code tern connection list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the client connections open now: ID, client ID, user, address and sessions.")
    static final class ListConnections implements Callable<Integer> {

        private static final String ROW = "%8s  %-24s %-16s %-28s %8s%n";

        @Spec
        private CommandSpec spec;

        @Mixin
        private ConnectionOptions connection;

        @Mixin
        private OutputOption output;

        @Override
        public Integer call() throws JMSException {
            PrintWriter out = spec.commandLine().getOut();
            List<ConnectionInfo> connections;
            try (TernConnection tern = connection.open()) {
                connections = tern.connections();
            }
            if (output.json()) {
                OutputOption.printJson(out, connections);
                return 0;
            }
            out.printf(ROW, "ID", "CLIENT ID", "USER", "ADDRESS", "SESSIONS");
            for (ConnectionInfo info : connections) {
                out.printf(ROW, info.id(), info.clientId() == null ? "-" : info.clientId(),
                        info.user() == null ? "(anonymous)" : info.user(), info.from(), info.sessions());
            }
            return 0;
        }
    }
}
