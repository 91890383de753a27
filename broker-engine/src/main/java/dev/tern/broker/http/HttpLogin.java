package dev.tern.broker.http;

import dev.tern.broker.BrokerException;
import dev.tern.broker.security.AuthenticatedUser;
import dev.tern.broker.security.ConnectionAccess;
import dev.tern.broker.security.LoginGuard;
import dev.tern.broker.session.BrokerServices;
import dev.tern.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Logs in an HTTP request with its basic credentials, or as a client that gives none, against the broker's
 * own login (users file, JAAS), within the same limits on failed logins as its other ports, and gives
 * what the user may do. Certificates are not asked for over HTTP.
 */
public final class HttpLogin {

    private final BrokerServices broker;

    public HttpLogin(BrokerServices broker) {
        this.broker = broker;
    }

    /** What went wrong with a login, as an HTTP answer. */
    public static final class Refused extends RuntimeException {

        private final transient HttpAnswer answer;

        Refused(HttpAnswer answer) {
            super(new String(answer.body(), StandardCharsets.UTF_8), null, false, false);
            this.answer = answer;
        }

        public HttpAnswer answer() {
            return answer;
        }
    }

    /**
     * The access of the request's user.
     *
     * @throws Refused 401 for missing or wrong credentials, 429 past the failed-login limit
     */
    public ConnectionAccess login(HttpCall call) {
        String[] credentials = basicCredentials(call.authorization());
        LoginGuard.Attempt attempt;
        try {
            attempt = broker.loginGuard().begin(call.from());
        } catch (BrokerException e) {
            throw new Refused(HttpAnswer.text(429, e.getMessage() + "\n"));
        }
        try {
            AuthenticatedUser user = broker.security().authenticator().authenticate(credentials[0], credentials[1], null);
            attempt.finished(false, 0, credentials[0]);
            return new ConnectionAccess(user, () -> broker.security().accessRules(),
                    (name, action) -> broker.audit().denied(0, name, call.from(), action + " over HTTP"));
        } catch (BrokerException e) {
            attempt.finished(e.code() == ErrorCode.SECURITY, 0, credentials[0]);
            broker.audit().loginRefused(0, credentials[0], call.from(), e.getMessage());
            throw new Refused(HttpAnswer.unauthorized(e.getMessage() + "\n"));
        } catch (RuntimeException e) {
            attempt.finished(false, 0, credentials[0]);
            throw e;
        }
    }

    /** The user and password of a basic {@code Authorization} header; two nulls without one. */
    static String[] basicCredentials(String authorization) {
        if (authorization == null) {
            return new String[2];
        }
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new Refused(HttpAnswer.unauthorized("Only HTTP basic authentication is supported.\n"));
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refused(HttpAnswer.unauthorized("The basic credentials are not valid Base64.\n"));
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new Refused(HttpAnswer.unauthorized("The basic credentials hold no colon.\n"));
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
