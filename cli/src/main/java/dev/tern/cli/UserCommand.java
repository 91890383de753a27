package dev.tern.cli;

import dev.tern.broker.security.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tern user}: adds users to a users file and changes their passwords, stored as PBKDF2 hashes
 * ({@link PasswordHash}). The password is asked for twice without echo; without a terminal (a script) it
 * is read once, as the first line of the standard input.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Adds users to a users file and changes their passwords, stored hashed.",
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class})
final class UserCommand {

    /** Options both subcommands take. */
    abstract static class UserOptions implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The user's name.")
        String name;

        @Option(names = "--users-file", paramLabel = "FILE", defaultValue = "users.properties",
                description = "The users file (default ${DEFAULT-VALUE}); created, readable by its owner only, if missing.")
        Path usersFile;

        @Option(names = "--iterations", defaultValue = "" + PasswordHash.DEFAULT_ITERATIONS,
                description = "PBKDF2 rounds (default ${DEFAULT-VALUE}); more make guessing slower, and each "
                        + "first login of a user too.")
        int iterations;

        /** Reads the password and stores its hash; the subcommand decides whether the user must exist. */
        final void storePassword(UsersFileEditor users) throws IOException {
            if (iterations < PasswordHash.MIN_ITERATIONS) {
                throw new IllegalArgumentException("--iterations must be at least " + PasswordHash.MIN_ITERATIONS + ".");
            }
            char[] password = readPassword();
            try {
                users.setPassword(name, PasswordHash.of(password, iterations).encoded());
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        private char[] readPassword() throws IOException {
            Console console = System.console();
            char[] password;
            if (console != null) {
                password = console.readPassword("Password for %s: ", name);
                char[] again = console.readPassword("Again: ");
                boolean same = password != null && Arrays.equals(password, again);
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
                if (!same) {
                    throw new IllegalArgumentException("The two passwords differ; nothing was changed.");
                }
            } else {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                password = line == null ? new char[0] : line.toCharArray();
            }
            if (password.length == 0) {
                throw new IllegalArgumentException("The password must not be empty; nothing was changed.");
            }
            return password;
        }
    }

    /** {@code tern user add}: a new user, with roles. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds a user to the users file with a hashed password, and to roles.")
    static final class Add extends UserOptions {

        @Option(names = "--role", paramLabel = "ROLE", description = "A role to add the user to; repeat for more.")
        List<String> roles = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            UsersFileEditor.checkUserName(name);
            UsersFileEditor users = UsersFileEditor.open(usersFile);
            if (users.hasUser(name)) {
                throw new IllegalArgumentException("User '" + name + "' is already in " + usersFile
                        + "; change the password with 'tern user passwd " + name + "'.");
            }
            storePassword(users);
            roles.forEach(role -> users.addToRole(role, name));
            users.save();
            spec.commandLine().getOut().printf("Added user %s%s to %s%n", name,
                    roles.isEmpty() ? "" : " with roles " + String.join(", ", roles), usersFile);
            return 0;
        }
    }

    /** {@code tern user passwd}: a new password for a user of the file. */
    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Sets a new password, hashed, for a user of the users file; also hashes a clear-text one.")
    static final class Passwd extends UserOptions {

        @Override
        public Integer call() throws IOException {
            UsersFileEditor users = UsersFileEditor.open(usersFile);
            if (!users.hasUser(name)) {
                throw new IllegalArgumentException("User '" + name + "' is not in " + usersFile
                        + "; add it with 'tern user add " + name + "'.");
            }
            storePassword(users);
            users.save();
            spec.commandLine().getOut().printf("Changed the password of %s in %s%n", name, usersFile);
            return 0;
        }
    }
}
