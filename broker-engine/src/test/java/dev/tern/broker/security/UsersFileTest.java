package dev.tern.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.BrokerException;
import dev.tern.protocol.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {

    @TempDir
    Path dir;

    private UsersFile users;

    @BeforeEach
    void load() throws IOException {
        users = UsersFile.load(write("""
                # user = password
                alice = secret
                bob = hunter2
                role.admins = alice
                role.senders = alice, bob
                """));
    }

    @Test
    void acceptsAUserWithItsPasswordAndGivesItsRoles() {
        assertThat(users.authenticate("alice", "secret"))
                .isEqualTo(new AuthenticatedUser("alice", java.util.Set.of("admins", "senders")));
        assertThat(users.authenticate("bob", "hunter2").roles()).containsExactly("senders");
    }

    @Test
    void refusesAWrongPasswordAnUnknownUserAndMissingCredentials() {
        assertRefused("alice", "wrong");
        assertRefused("alice", null);
        assertRefused("alice", "");
        assertRefused("mallory", "secret");
        assertRefused(null, null);
        assertRefused("role.admins", "alice");
    }

    @Test
    void aHashedPasswordIsCheckedAgainstItsHash() throws IOException {
        String hash = PasswordHash.of("s3cret".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
        UsersFile hashed = UsersFile.load(write("carol = " + hash + "\ndave = plain\nrole.ops = carol\n"));

        assertThat(hashed.authenticate("carol", "s3cret").roles()).containsExactly("ops");
        assertThat(hashed.authenticate("carol", "s3cret").name()).as("again, from the proven fingerprint").isEqualTo("carol");
        assertThatThrownBy(() -> hashed.authenticate("carol", hash)).as("the hash is not the password")
                .isInstanceOf(BrokerException.class);
        assertThatThrownBy(() -> hashed.authenticate("carol", "S3cret")).isInstanceOf(BrokerException.class);
        assertThatThrownBy(() -> hashed.authenticate("erin", "s3cret")).isInstanceOf(BrokerException.class);
        assertThat(hashed.authenticate("dave", "plain").name()).as("clear text still works").isEqualTo("dave");
    }

    @Test
    void aMalformedHashIsAConfigurationErrorNamingTheUserNotTheHash() throws IOException {
        Path file = write("carol = $pbkdf2-sha256$600000$AAAA\n");
        assertThatThrownBy(() -> UsersFile.load(file)).isInstanceOf(BrokerException.class)
                .hasMessageContaining("'carol'").hasMessageContaining("tern user passwd carol").hasMessageNotContaining("AAAA");
    }

    @Test
    void aRoleNamingAnUnknownUserIsAConfigurationError() throws IOException {
        Path file = write("alice = secret\nrole.admins = alice, carol\n");
        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("carol");
    }

    @Test
    void aMissingFileIsAConfigurationErrorNamingIt() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> UsersFile.load(missing))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("nope.properties");
    }

    @Test
    void theOpenAuthenticatorLetsEveryoneIn() {
        assertThat(Authenticator.OPEN.authenticate(null, null)).isEqualTo(AuthenticatedUser.ANONYMOUS);
        assertThat(Authenticator.OPEN.authenticate("anyone", "anything").name()).isEqualTo("anyone");
    }

    private void assertRefused(String user, String password) {
        assertThatThrownBy(() -> users.authenticate(user, password))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SECURITY));
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "users", ".properties");
        Files.writeString(file, text);
        return file;
    }
}
