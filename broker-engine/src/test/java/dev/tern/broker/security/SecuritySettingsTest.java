package dev.tern.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.BrokerException;
import dev.tern.protocol.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecuritySettingsTest {

    @TempDir
    Path dir;

    private Path usersFile;

    @BeforeEach
    void writeUsers() throws IOException {
        usersFile = Files.writeString(dir.resolve("users.properties"), """
                alice = secret
                guest = guest-password
                role.admins = alice
                role.readers = alice, guest
                role.visitors = guest
                """);
    }

    @Test
    void anAnonymousConnectionActsAsTheGuestUserWithItsRoles() {
        Authenticator authenticator = new SecuritySettings(usersFile, "guest", null).authenticator();

        assertThat(authenticator.authenticate(null, null))
                .isEqualTo(new AuthenticatedUser("guest", Set.of("readers", "visitors")));
        assertThat(authenticator.authenticate(null, "anything").name()).isEqualTo("guest");
    }

    @Test
    void withAGuestUserAWrongPasswordOrAnUnknownUserIsStillRefused() {
        Authenticator authenticator = new SecuritySettings(usersFile, "guest", null).authenticator();

        assertRefused(authenticator, "alice", "wrong");
        assertRefused(authenticator, "alice", null);
        assertRefused(authenticator, "guest", "wrong");
        assertRefused(authenticator, "invalid", "invalid");
        assertRefused(authenticator, "", null);
    }

    @Test
    void withAGuestUserAKnownUserIsStillItself() {
        Authenticator authenticator = new SecuritySettings(usersFile, "guest", null).authenticator();

        assertThat(authenticator.authenticate("alice", "secret"))
                .isEqualTo(new AuthenticatedUser("alice", Set.of("admins", "readers")));
        assertThat(authenticator.authenticate("guest", "guest-password").name()).isEqualTo("guest");
    }

    @Test
    void withoutAGuestUserAnAnonymousConnectionIsRefused() {
        Authenticator authenticator = new SecuritySettings(usersFile, null, null).authenticator();

        assertRefused(authenticator, null, null);
        assertThat(SecuritySettings.NONE.withUsersFile(usersFile).guestUser()).isNull();
    }

    @Test
    void aBlankGuestUserMeansNone() {
        assertThat(new SecuritySettings(usersFile, " ", null).guestUser()).isNull();
        assertRefused(new SecuritySettings(usersFile, "", null).authenticator(), null, null);
    }

    @Test
    void aGuestUserWhoIsNotInTheUsersFileIsAConfigurationErrorNamingBoth() {
        assertThatThrownBy(() -> new SecuritySettings(usersFile, "nobody", null).authenticator())
                .isInstanceOfSatisfying(BrokerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("'nobody'")
                .hasMessageContaining(usersFile.toAbsolutePath().toString());
        assertThatThrownBy(() -> new SecuritySettings(usersFile, "role.visitors", null).authenticator())
                .hasMessageContaining("'role.visitors' is not a user");
    }

    @Test
    void aGuestUserWithoutAUsersFileIsAConfigurationError() {
        assertThatThrownBy(() -> SecuritySettings.NONE.withGuestUser("guest").authenticator())
                .isInstanceOfSatisfying(BrokerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("'guest'")
                .hasMessageContaining("no users file");
    }

    @Test
    void withoutAUsersFileEveryoneIsLetIn() {
        assertThat(SecuritySettings.NONE.authenticator()).isSameAs(Authenticator.OPEN);
    }

    private static void assertRefused(Authenticator authenticator, String user, String password) {
        assertThatThrownBy(() -> authenticator.authenticate(user, password))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SECURITY));
    }
}
