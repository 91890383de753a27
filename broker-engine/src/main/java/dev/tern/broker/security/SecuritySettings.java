package dev.tern.broker.security;

import dev.tern.broker.BrokerException;
import dev.tern.protocol.ErrorCode;
import java.nio.file.Path;

/**
 * Who may connect to a broker.
 *
 * @param usersFile the users, passwords and roles connections authenticate against (see {@link UsersFile}),
 *     or null to let every connection in
 * @param guestUser the user of the users file that a connection giving no user name acts as, with that
 *     user's roles; null (or blank) to refuse such connections
 */
public record SecuritySettings(Path usersFile, String guestUser) {

    /** No users file: every connection is let in. */
    public static final SecuritySettings NONE = new SecuritySettings(null, null);

    public SecuritySettings {
        if (guestUser != null && guestUser.isBlank()) {
            guestUser = null;
        }
    }

    public SecuritySettings withUsersFile(Path newUsersFile) {
        return new SecuritySettings(newUsersFile, guestUser);
    }

    public SecuritySettings withGuestUser(String newGuestUser) {
        return new SecuritySettings(usersFile, newGuestUser);
    }

    /**
     * The authenticator these settings describe; reads the users file.
     *
     * @throws BrokerException INVALID_ARGUMENT if the users file cannot be read, or a guest user is set
     *     without a users file or is not one of its users
     */
    public Authenticator authenticator() {
        if (usersFile == null) {
            if (guestUser != null) {
                throw new BrokerException(ErrorCode.INVALID_ARGUMENT, "Guest user '" + guestUser
                        + "' is set but there is no users file to take it from; set the users file too, or remove "
                        + "the guest user (without a users file every connection is let in).");
            }
            return Authenticator.OPEN;
        }
        UsersFile users = UsersFile.load(usersFile);
        if (guestUser == null) {
            return users;
        }
        AuthenticatedUser guest = users.user(guestUser).orElseThrow(() -> new BrokerException(
                ErrorCode.INVALID_ARGUMENT, "Guest user '" + guestUser + "' is not a user of the users file "
                        + usersFile.toAbsolutePath() + "; add a line '" + guestUser + " = PASSWORD' to it."));
        return new GuestAuthenticator(guest, users);
    }
}
