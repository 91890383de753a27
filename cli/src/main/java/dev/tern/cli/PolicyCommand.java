package dev.tern.cli;

import dev.tern.jms.TernConnection;
import dev.tern.protocol.PolicyEntry;
import jakarta.jms.JMSException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tern policy}: reads and changes the destination policies of a running broker. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Reads and changes the destination policies of a running broker.",
        subcommands = {PolicyCommand.Set.class, PolicyCommand.ListPolicies.class})
final class PolicyCommand {

    /** {@code tern policy set}: changes one setting until the broker stops. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Changes one setting for the destinations an address pattern matches, at once, until the "
                    + "broker stops; put it in the broker's configuration file (policy.<pattern>.<setting>) to keep it.")
    static final class Set implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private ConnectionOptions connection;

        @Parameters(index = "0", paramLabel = "PATTERN", description = "Address pattern: a name, orders.*, orders.> or >.")
        private String pattern;

        @Parameters(index = "1", paramLabel = "SETTING", description = "Setting name, such as maxDeliveryAttempts.")
        private String setting;

        @Parameters(index = "2", paramLabel = "VALUE", description = "The new value; \"\" for an empty one.")
        private String value;

        @Override
        public Integer call() throws JMSException {
            try (TernConnection tern = connection.open()) {
                tern.setPolicy(pattern, setting, value);
            }
            spec.commandLine().getOut().printf("%s.%s = %s%n", pattern, setting, value);
            return 0;
        }
    }

    /** {@code tern policy list}: the configured settings, then the defaults. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the configured settings, most general pattern first, then every setting's default.")
    static final class ListPolicies implements Callable<Integer> {

        private static final String ROW = "%-30s %-26s %s%n";

        @Spec
        private CommandSpec spec;

        @Mixin
        private ConnectionOptions connection;

        @Mixin
        private OutputOption output;

        @Override
        public Integer call() throws JMSException {
            PrintWriter out = spec.commandLine().getOut();
            try (TernConnection tern = connection.open()) {
                if (output.json()) {
                    OutputOption.printJson(out, tern.policies());
                    return 0;
                }
                out.printf(ROW, "PATTERN", "SETTING", "VALUE");
                for (PolicyEntry entry : tern.policies()) {
                    out.printf(ROW, entry.isDefault() ? "(default)" : entry.pattern(), entry.setting(),
                            entry.value().isEmpty() ? "\"\"" : entry.value());
                }
            }
            return 0;
        }
    }
}
