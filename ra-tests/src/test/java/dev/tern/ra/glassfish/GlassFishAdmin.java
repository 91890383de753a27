package dev.tern.ra.glassfish;

import java.util.Arrays;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.glassfish.embeddable.CommandResult;
import org.glassfish.embeddable.CommandRunner;

/**
 * Runs asadmin commands in the embedded GlassFish of this JVM, through the {@link CommandRunner} that
 * the Arquillian container binds in JNDI when it starts the server.
 */
public final class GlassFishAdmin {

    private static final String COMMAND_RUNNER = "org.glassfish.embeddable.CommandRunner";

    private GlassFishAdmin() {
    }

    /**
     * Runs one command and returns its output.
     *
     * @throws IllegalStateException if the command fails, with GlassFish's message
     */
    public static String run(String command, String... arguments) {
        CommandResult result = commandRunner().run(command, arguments);
        if (result.getExitStatus() == CommandResult.ExitStatus.FAILURE) {
            throw new IllegalStateException("asadmin " + command + " " + Arrays.toString(arguments) + " failed: "
                    + result.getOutput(), result.getFailureCause());
        }
        return result.getOutput();
    }

    /** Escapes a value for an asadmin {@code --property name=value:...} list. */
    public static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }

    private static CommandRunner commandRunner() {
        try {
            return (CommandRunner) new InitialContext().lookup(COMMAND_RUNNER);
        } catch (NamingException e) {
            throw new IllegalStateException("No GlassFish CommandRunner in JNDI; is the embedded container started?", e);
        }
    }
}
