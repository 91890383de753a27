package dev.tern.broker.security;

import dev.tern.broker.BrokerException;
import dev.tern.protocol.ErrorCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may connect to a broker, and what each connection may do. A connection logs in with a user name and
 * password checked against the users file or a JAAS configuration (one of the two), or, over TLS with
 * client certificates, by its certificate through the certificate users file.
 *
 * @param usersFile the users, passwords and roles connections authenticate against (see {@link UsersFile}),
 *     or null
 * @param guestUser the user of the users file that a connection giving no user name acts as, with that
 *     user's roles; null (or blank) to refuse such connections
 * @param accessRules the permissions of roles on destinations; when empty, {@link AccessRules#OPEN} for a
 *     broker without login and {@link AccessRules#USERS_DEFAULT} for one with
 * @param limits the limits against abuse of the login; null for {@link LoginLimits#DEFAULT}
 * @param jaas the JAAS configuration that checks user names and passwords instead of a users file, or null
 * @param certificateUsersFile maps client certificates to users (see {@link CertificateUsers}), or null
 */
public record SecuritySettings(Path usersFile, String guestUser, AccessRules accessRules, LoginLimits limits,
        JaasSettings jaas, Path certificateUsersFile) {

    /** No login and no access rules: every connection is let in and may do everything. */
    public static final SecuritySettings NONE = new SecuritySettings(null, null, AccessRules.EMPTY);

    /** Settings with the default login limits, logging in with a users file or not at all. */
    public SecuritySettings(Path usersFile, String guestUser, AccessRules accessRules) {
        this(usersFile, guestUser, accessRules, LoginLimits.DEFAULT, null, null);
    }

    public SecuritySettings {
        if (guestUser != null && guestUser.isBlank()) {
            guestUser = null;
        }
        if (accessRules == null) {
            accessRules = AccessRules.EMPTY;
        }
        if (limits == null) {
            limits = LoginLimits.DEFAULT;
        }
    }

    public SecuritySettings withUsersFile(Path newUsersFile) {
        return new SecuritySettings(newUsersFile, guestUser, accessRules, limits, jaas, certificateUsersFile);
    }

    public SecuritySettings withGuestUser(String newGuestUser) {
        return new SecuritySettings(usersFile, newGuestUser, accessRules, limits, jaas, certificateUsersFile);
    }

    public SecuritySettings withAccessRules(AccessRules newAccessRules) {
        return new SecuritySettings(usersFile, guestUser, newAccessRules, limits, jaas, certificateUsersFile);
    }

    public SecuritySettings withLimits(LoginLimits newLimits) {
        return new SecuritySettings(usersFile, guestUser, accessRules, newLimits, jaas, certificateUsersFile);
    }

    public SecuritySettings withJaas(JaasSettings newJaas) {
        return new SecuritySettings(usersFile, guestUser, accessRules, limits, newJaas, certificateUsersFile);
    }

    public SecuritySettings withCertificateUsersFile(Path newCertificateUsersFile) {
        return new SecuritySettings(usersFile, guestUser, accessRules, limits, jaas, newCertificateUsersFile);
    }

    /** True if a connection must log in: a users file, a JAAS configuration or certificate users are set. */
    public boolean requiresLogin() {
        return !files().isEmpty();
    }

    /** The files these settings read: the users file, the JAAS configuration, the certificate users file. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        if (usersFile != null) {
            files.add(usersFile);
        }
        if (jaas != null) {
            files.add(jaas.configFile());
        }
        if (certificateUsersFile != null) {
            files.add(certificateUsersFile);
        }
        return files;
    }

    /**
     * The authenticator, the access rules and the limits these settings describe; reads their files.
     *
     * @throws BrokerException INVALID_ARGUMENT as {@link #authenticator()}
     */
    public BrokerSecurity load() {
        return new BrokerSecurity(authenticator(), effectiveAccessRules(), limits);
    }

    /** The access rules in force: the configured ones, or the default for a broker with or without login. */
    public AccessRules effectiveAccessRules() {
        if (!accessRules.isEmpty()) {
            return accessRules;
        }
        return requiresLogin() ? AccessRules.USERS_DEFAULT : AccessRules.OPEN;
    }

    /**
     * The authenticator these settings describe; reads the files.
     *
     * @throws BrokerException INVALID_ARGUMENT if a file cannot be read, both a users file and JAAS are
     *     set, or a guest user is set without a users file or is not one of its users
     */
    public Authenticator authenticator() {
        Authenticator passwords = passwordAuthenticator();
        if (certificateUsersFile != null) {
            return CertificateUsers.load(certificateUsersFile, passwords);
        }
        return passwords == null ? Authenticator.OPEN : passwords;
    }

    /** What checks user names and passwords; null if nothing does. */
    private Authenticator passwordAuthenticator() {
        if (guestUser != null && usersFile == null) {
            throw new BrokerException(ErrorCode.INVALID_ARGUMENT, "Guest user '" + guestUser
                    + "' is set but there is no users file to take it from; set the users file too, or remove "
                    + "the guest user.");
        }
        if (jaas != null) {
            if (usersFile != null) {
                throw new BrokerException(ErrorCode.INVALID_ARGUMENT, "Both a users file and a JAAS configuration "
                        + "are set; passwords are checked by one of them, so remove the other.");
            }
            return JaasAuthenticator.load(jaas);
        }
        if (usersFile == null) {
            return null;
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
