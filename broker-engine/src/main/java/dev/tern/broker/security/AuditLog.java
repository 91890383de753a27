package dev.tern.broker.security;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's audit trail, on a logger of its own, {@value #LOGGER}, so that it can be kept, shipped and
 * retained apart from the other logs: logins and refused logins, actions the access rules refused, admin
 * actions and deleted destinations,
 * each a line at INFO with the time of the broker's clock, what happened, who did it, from which address
 * and on which connection, as {@code key=value} pairs.
 */
public final class AuditLog {

    /** The logger's name. */
    public static final String LOGGER = "dev.tern.audit";
    /** The address of a client in the broker's own JVM. */
    public static final String IN_JVM = "in-JVM";

    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    /** A connection logged in, as {@code user} (null for anonymous). */
    public void loggedIn(long connection, String user, String from) {
        record("login", connection, user, from, null);
    }

    /** A connection was refused at login. */
    public void loginRefused(long connection, String user, String from, String reason) {
        record("login-refused", connection, user, from, reason);
    }

    /** An admin action: a policy changed, dead letters retried, an XA branch decided, a queue purged. */
    public void adminAction(long connection, String user, String from, String action) {
        record("admin", connection, user, from, action);
    }

    /** A connection was refused an action on a destination by the access rules. */
    public void denied(long connection, String user, String from, String action) {
        record("denied", connection, user, from, action);
    }

    /** A destination or a durable subscription was deleted. */
    public void deleted(long connection, String user, String from, String what) {
        record("delete", connection, user, from, what);
    }

    private void record(String event, long connection, String user, String from, String detail) {
        if (AUDIT.isInfoEnabled()) {
            AUDIT.info("{} {} user={} from={} connection={}{}", Instant.now(clock), event,
                    user == null ? "(anonymous)" : user, from, connection, detail == null ? "" : " what=\"" + detail + "\"");
        }
    }
}
