package dev.tern.broker.security;

import dev.tern.broker.BrokerException;
import dev.tern.protocol.ErrorCode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Logs in a client that gives no user name by the certificate it proved it holds over TLS: a file maps
 * certificate subjects to users, with roles as in the users file.
 *
 * <pre>
 * # user = subject of the user's certificate
 * billing = CN=billing, OU=apps, O=Example
 * role.billing = billing
 * </pre>
 *
 * Subjects are compared in their canonical form, so spacing and case of the attribute names do not
 * matter. A client that gives a user name, or whose certificate is not in the file, is handed to the
 * password login, if there is one.
 */
final class CertificateUsers implements Authenticator {

    private final Map<X500Principal, String> usersBySubject;
    private final Map<String, Set<String>> rolesByUser;
    private final Authenticator passwords;

    private CertificateUsers(Map<X500Principal, String> usersBySubject, Map<String, Set<String>> rolesByUser,
            Authenticator passwords) {
        this.usersBySubject = usersBySubject;
        this.rolesByUser = rolesByUser;
        this.passwords = passwords;
    }

    /**
     * Reads a certificate users file.
     *
     * @param passwords checks the clients that give a user name, or whose certificate is not in the file;
     *     null to refuse them
     * @throws BrokerException INVALID_ARGUMENT if the file cannot be read or holds a malformed subject
     */
    static CertificateUsers load(Path file, Authenticator passwords) {
        RoleFile lines = RoleFile.read(file, "certificate users file");
        Map<X500Principal, String> users = new HashMap<>();
        lines.users().forEach((user, subject) -> {
            try {
                users.put(new X500Principal(subject), user);
            } catch (IllegalArgumentException e) {
                throw new BrokerException(ErrorCode.INVALID_ARGUMENT, "Certificate users file " + file.toAbsolutePath()
                        + ": the subject of user '" + user + "' is not a distinguished name: " + subject);
            }
        });
        return new CertificateUsers(Map.copyOf(users), lines.rolesByUser(), passwords);
    }

    @Override
    public AuthenticatedUser authenticate(String user, String password) {
        return authenticate(user, password, null);
    }

    @Override
    public AuthenticatedUser authenticate(String user, String password, X500Principal certificate) {
        String mapped = user == null && certificate != null ? usersBySubject.get(certificate) : null;
        if (mapped != null) {
            return new AuthenticatedUser(mapped, rolesByUser.get(mapped));
        }
        if (passwords != null) {
            return passwords.authenticate(user, password, certificate);
        }
        throw new BrokerException(ErrorCode.SECURITY, certificate == null
                ? "This broker logs clients in by their TLS certificate, and the client presented none."
                : "No user of this broker has the certificate " + certificate.getName() + ".");
    }
}
