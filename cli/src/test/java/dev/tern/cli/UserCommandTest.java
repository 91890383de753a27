package dev.tern.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.BrokerException;
import dev.tern.broker.security.PasswordHash;
import dev.tern.broker.security.UsersFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tern user add} and {@code passwd} write hashed passwords that the broker accepts, keep the
 * file's other lines, and refuse what makes no sense. Without a terminal the password is the first line
 * of the standard input.
 */
@Timeout(60)
class UserCommandTest {

    private static final String FAST = String.valueOf(PasswordHash.MIN_ITERATIONS);

    @TempDir
    Path dir;

    @Test
    void addWritesAHashedPasswordAndRolesTheBrokerAccepts() throws Exception {
        Path users = dir.resolve("users.properties");
        Run added = run("s3cret\n", "user", "add", "alice", "--role", "admin", "--role", "ops",
                "--users-file", users.toString(), "--iterations", FAST);

        assertThat(added.exitCode).isZero();
        assertThat(added.out).contains("Added user alice with roles admin, ops");
        assertThat(Files.readString(users)).doesNotContain("s3cret").contains("alice = $pbkdf2-sha256$" + FAST + "$");
        assertThat(Files.getPosixFilePermissions(users)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(UsersFile.load(users).authenticate("alice", "s3cret").roles()).containsExactlyInAnyOrder("admin", "ops");
    }

    @Test
    void passwdReplacesOnlyThatUsersPasswordAndKeepsTheRest() throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"),
                "# our users\nbob = hunter2\nalice = old\nrole.admin = bob\n");
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(run("new-one\n", "user", "add", "carol", "--role", "admin", "--users-file", users.toString(),
                "--iterations", FAST).exitCode).isZero();
        Run changed = run("n3w\n", "user", "passwd", "alice", "--users-file", users.toString(), "--iterations", FAST);

        assertThat(changed.exitCode).isZero();
        String text = Files.readString(users);
        assertThat(text).startsWith("# our users\nbob = hunter2\nalice = $pbkdf2-sha256$").contains("role.admin = bob, carol");
        assertThat(Files.getPosixFilePermissions(users)).as("kept").isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        UsersFile loaded = UsersFile.load(users);
        assertThat(loaded.authenticate("alice", "n3w").name()).isEqualTo("alice");
        assertThat(loaded.authenticate("carol", "new-one").roles()).containsExactly("admin");
        assertThatThrownBy(() -> loaded.authenticate("alice", "old")).isInstanceOf(BrokerException.class);
    }

    @Test
    void whatMakesNoSenseIsRefusedAndChangesNothing() throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"), "alice = old\n");
        assertRefused(run("pw\n", "user", "add", "alice", "--users-file", users.toString(), "--iterations", FAST),
                "already in");
        assertRefused(run("pw\n", "user", "passwd", "nobody", "--users-file", users.toString(), "--iterations", FAST),
                "is not in");
        assertRefused(run("\n", "user", "passwd", "alice", "--users-file", users.toString(), "--iterations", FAST),
                "must not be empty");
        assertRefused(run("pw\n", "user", "add", "role.admin", "--users-file", users.toString(), "--iterations", FAST),
                "not allowed");
        assertRefused(run("pw\n", "user", "passwd", "alice", "--users-file", users.toString(), "--iterations", "10"),
                "at least");
        assertThat(Files.readString(users)).isEqualTo("alice = old\n");
    }

    private static void assertRefused(Run run, String message) {
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).contains(message);
    }

    private static Run run(String stdin, String... args) {
        InputStream originalIn = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exitCode = TernCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
            return new Run(exitCode, out.toString(), err.toString());
        } finally {
            System.setIn(originalIn);
        }
    }

    private record Run(int exitCode, String out, String err) {
    }
}
