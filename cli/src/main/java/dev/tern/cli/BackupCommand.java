package dev.tern.cli;

import dev.tern.jms.TernConnection;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tern backup FILE}: a consistent copy of a running broker's journal. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Has the running broker write a consistent copy of its journal into a new zip file on the "
                + "broker's machine, while it goes on serving. Restore by stopping a broker, unzipping the file into "
                + "its data directory and starting it.")
final class BackupCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Parameters(paramLabel = "FILE", description = "The zip file to create (its name ends in .zip), a path on the "
            + "broker's machine; it must not exist.")
    private String file;

    @Option(names = "--timeout", defaultValue = "3600", paramLabel = "SECONDS",
            description = "How long to wait for the broker to finish (default ${DEFAULT-VALUE} s); it goes on if this runs out.")
    private long timeoutSeconds;

    @Override
    public Integer call() throws JMSException {
        try (TernConnection tern = connection.open()) {
            tern.backup(file, Duration.ofSeconds(timeoutSeconds));
        }
        spec.commandLine().getOut().printf("Backed up to %s%n", file);
        return 0;
    }
}
