package dev.tern.cli;

import dev.tern.jms.TernConnection;
import jakarta.jms.JMSException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tern xa}: lists the XA branches a broker holds in doubt, and lets an operator decide one whose
 * transaction manager does not come back.
 */
@Command(name = "xa", mixinStandardHelpOptions = true,
        description = "Lists the XA branches in doubt on a broker, and commits or rolls back one whose transaction "
                + "manager is gone for good.",
        subcommands = {XaCommand.ListBranches.class, XaCommand.Commit.class, XaCommand.Rollback.class})
final class XaCommand {

    /** {@code tern xa list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the prepared XA branches waiting for their transaction managers, and those an "
                    + "operator decided that their managers have not forgotten yet, one per line as "
                    + "formatId:gtrid:bqual (the IDs in hexadecimal).")
    static final class ListBranches implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private ConnectionOptions connection;

        @Mixin
        private OutputOption output;

        @Override
        public Integer call() throws JMSException {
            try (TernConnection tern = connection.open()) {
                List<String> branches = tern.xaBranches();
                if (output.json()) {
                    OutputOption.printJson(spec.commandLine().getOut(), branches);
                    return 0;
                }
                branches.forEach(spec.commandLine().getOut()::println);
                spec.commandLine().getOut().printf("%d XA branch%s in doubt%n", branches.size(),
                        branches.size() == 1 ? "" : "es");
            }
            return 0;
        }
    }

    /** {@code tern xa commit BRANCH}. */
    @Command(name = "commit", mixinStandardHelpOptions = true,
            description = "Commits a prepared XA branch (a heuristic decision): its messages are delivered and what "
                    + "it consumed is gone. Its transaction manager, if it comes back, is told XA_HEURCOM.")
    static final class Commit implements Callable<Integer> {

        @Mixin
        private Decision decision;

        @Override
        public Integer call() throws JMSException {
            return decision.decide(true);
        }
    }

    /** {@code tern xa rollback BRANCH}. */
    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Rolls back a prepared XA branch (a heuristic decision): its messages are dropped and what "
                    + "it consumed is delivered again. Its transaction manager, if it comes back, is told XA_HEURRB.")
    static final class Rollback implements Callable<Integer> {

        @Mixin
        private Decision decision;

        @Override
        public Integer call() throws JMSException {
            return decision.decide(false);
        }
    }

    /** What {@code commit} and {@code rollback} share: the broker, the branch, and the report. */
    static final class Decision {

        @Spec(Spec.Target.MIXEE)
        private CommandSpec spec;

        @Mixin
        private ConnectionOptions connection;

        @Parameters(index = "0", paramLabel = "BRANCH", description = "The branch, as tern xa list shows it.")
        private String branch;

        int decide(boolean commit) throws JMSException {
            try (TernConnection tern = connection.open()) {
                tern.decideXaBranch(branch, commit);
            }
            spec.commandLine().getOut().printf("%s XA branch %s%n", commit ? "Committed" : "Rolled back", branch);
            return 0;
        }
    }
}
