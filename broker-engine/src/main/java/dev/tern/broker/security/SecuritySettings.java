package dev.tern.broker.security;

import dev.tern.broker.BrokerException;
import dev.tern.protocol.ErrorCode;
import java.nio.file.Path;

/**
 * Who may connect to a broker, and what each connection may do.
 *
 * @param usersFile the users, passwords and roles connections authenticate against (see {@link UsersFile}),
 *     or null to let every connection in
 * @param guestUser the user of the users file that a connection giving no user name acts as, with that
 *     user's roles; null (or blank) to refuse such connections
 * @param accessRules the permissions of roles on destinations; when empty, {@link AccessRules#OPEN} without
 *     a users file and {@link AccessRules#USERS_DEFAULT} with one
 * @param limits the limits against abuse of the login; null for {@link LoginLimits#DEFAULT}
 */
public record SecuritySettings(Path usersFile, String guestUser, AccessRules accessRules, LoginLimits limits) {

    /** No users file and no access rules: every connection is let in and may do everything. */
    public static final SecuritySettings NONE = new SecuritySettings(null, null, AccessRules.NONE, LoginLimits.DEFAULT);

    /** Settings with the default login limits. */
    public SecuritySettings(Path usersFile, String guestUser, AccessRules accessRules) {
        this(usersFile, guestUser, accessRules, LoginLimits.DEFAULT);
    }

    public SecuritySettings {
        if (guestUser != null && guestUser.isBlank()) {
            guestUser = null;
        }
        if (accessRules == null) {
            accessRules = AccessRules.NONE;
        }
        if (limits == null) {
            limits = LoginLimits.DEFAULT;
        }
    }

    public SecuritySettings withUsersFile(Path newUsersFile) {
        return new SecuritySettings(newUsersFile, guestUser, accessRules, limits);
    }

    public SecuritySettings withGuestUser(String newGuestUser) {
        return new SecuritySettings(usersFile, newGuestUser, accessRules, limits);
    }

    public SecuritySettings withAccessRules(AccessRules newAccessRules) {
        return new SecuritySettings(usersFile, guestUser, newAccessRules, limits);
    }

    public SecuritySettings withLimits(LoginLimits newLimits) {
        return new SecuritySettings(usersFile, guestUser, accessRules, newLimits);
    }

    /**
     * The authenticator and the access rules these settings describe; reads the users file.
     *
     * @throws BrokerException INVALID_ARGUMENT as {@link #authenticator()}
     */
    public BrokerSecurity load() {
        return new BrokerSecurity(authenticator(), effectiveAccessRules(), limits);
    }

    /** The access rules in force: the configured ones, or the default for a broker with or without users. */
    public AccessRules effectiveAccessRules() {
        if (!accessRules.isEmpty()) {
            return accessRules;
        }
        return usersFile == null ? AccessRules.OPEN : AccessRules.USERS_DEFAULT;
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
