package dev.tern.broker.security;

import dev.tern.broker.BrokerException;
import dev.tern.protocol.ErrorCode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps logins within the broker's {@link LoginLimits}: counts failed logins per source address in
 * windows of a minute, and open connections per user and per source address. A source address is the
 * client's host, without its port; clients in the broker's own JVM ({@link AuditLog#IN_JVM}) are never
 * throttled. A login being checked counts against its address's failures until it is known to have
 * succeeded, so parallel connections guess no faster than one; and at most {@link #MAX_LOGINS_WAITING}
 * logins wait to be checked at once. Thread-safe.
 */
public final class LoginGuard {

    /** How long one window of failed logins lasts. */
    static final long WINDOW_MILLIS = 60_000;
    /** How many logins may wait to be checked at once, over all addresses. */
    static final int MAX_LOGINS_WAITING = 256;

    private static final Logger LOG = LoggerFactory.getLogger(LoginGuard.class);
    /** How many addresses to remember before windows that are over are dropped. */
    private static final int PRUNE_ABOVE = 10_000;

    private final Supplier<LoginLimits> limits;
    private final LongSupplier millis;
    private final AuditLog audit;
    private final Map<String, FailureWindow> failures = new ConcurrentHashMap<>();
    private final Map<String, Integer> beingChecked = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<String, Integer> connectionsPerUser = new ConcurrentHashMap<>();
    private final Map<String, Integer> connectionsPerAddress = new ConcurrentHashMap<>();

    /**
     * @param limits the limits in force, read at every login
     * @param millis the time, for the windows of failed logins
     * @param audit told once per address and window that its logins are refused
     */
    public LoginGuard(Supplier<LoginLimits> limits, LongSupplier millis, AuditLog audit) {
        this.limits = limits;
        this.millis = millis;
        this.audit = audit;
    }

    /** The host of an address as the broker records it ({@code /10.1.2.3:45678}, {@code name/10.1.2.3:45678}). */
    public static String hostOf(String from) {
        String host = from.substring(from.indexOf('/') + 1);
        int port = host.lastIndexOf(':');
        return port > 0 ? host.substring(0, port) : host;
    }

    /**
     * Admits a login to be checked; call {@link Attempt#finished} once it has been.
     *
     * @throws BrokerException SECURITY if the address has used up its failed logins for this window (each
     *     login being checked counting as one), RESOURCE_ALLOCATION if too many logins wait already
     */
    public Attempt begin(String from) {
        if (waiting.incrementAndGet() > MAX_LOGINS_WAITING) {
            waiting.decrementAndGet();
            throw new BrokerException(ErrorCode.RESOURCE_ALLOCATION, "The broker has " + MAX_LOGINS_WAITING
                    + " logins waiting to be checked; try again shortly.");
        }
        int max = limits.get().maxFailedLoginsPerMinute();
        if (max == 0 || AuditLog.IN_JVM.equals(from)) {
            return new Attempt(from, null);
        }
        String host = hostOf(from);
        long now = millis.getAsLong();
        boolean[] admitted = new boolean[1];
        beingChecked.compute(host, (key, count) -> {
            int checking = count == null ? 0 : count;
            FailureWindow window = failures.get(host);
            int failed = window != null && window.isCurrent(now) ? window.count : 0;
            admitted[0] = failed + checking < max;
            return admitted[0] ? Integer.valueOf(checking + 1) : count;
        });
        if (!admitted[0]) {
            waiting.decrementAndGet();
            throw new BrokerException(ErrorCode.SECURITY, "Too many failed logins from this address; try again in a minute.");
        }
        return new Attempt(from, host);
    }

    /** A login admitted by {@link #begin}. */
    public final class Attempt {

        private final String from;
        /** The host whose logins being checked count it; null if not counted. */
        private final String countedHost;
        private final AtomicBoolean done = new AtomicBoolean();

        private Attempt(String from, String countedHost) {
            this.from = from;
            this.countedHost = countedHost;
        }

        /**
         * The login has been checked; only the first call counts.
         *
         * @param failed true if its credentials were refused
         */
        public void finished(boolean failed, long connection, String user) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            waiting.decrementAndGet();
            if (countedHost != null) {
                if (failed) {
                    countFailure(from, connection, user);
                }
                beingChecked.computeIfPresent(countedHost, (key, count) -> count <= 1 ? null : count - 1);
            }
        }
    }

    /** Counts a failed login; the one that reaches the limit is logged, once per address and window. */
    private void countFailure(String from, long connection, String user) {
        int max = limits.get().maxFailedLoginsPerMinute();
        if (max == 0 || AuditLog.IN_JVM.equals(from)) {
            return;
        }
        String host = hostOf(from);
        long now = millis.getAsLong();
        pruneIfLarge(now);
        FailureWindow window = failures.compute(host, (key, current) -> {
            FailureWindow counted = current == null || !current.isCurrent(now) ? new FailureWindow(now) : current;
            counted.count++;
            return counted;
        });
        if (window.count >= max && window.reported.compareAndSet(false, true)) {
            LOG.warn("{} failed logins from {} within a minute; refusing its logins until the minute is over.", max, host);
            audit.loginRefused(connection, user, from, "throttled: " + max + " failed logins from " + host
                    + " within a minute; later logins from it are refused until the minute is over");
        }
    }

    /**
     * Counts an opened connection against the connection limits.
     *
     * @param user the user, or null for an anonymous connection (not counted per user)
     * @return releases the connection's place when it closes; call it once
     * @throws BrokerException RESOURCE_ALLOCATION, counting nothing, if a limit is reached
     */
    public Runnable admit(String user, String from) {
        LoginLimits now = limits.get();
        String host = hostOf(from);
        if (user != null && !take(connectionsPerUser, user, now.maxConnectionsPerUser())) {
            throw limitReached("User '" + user + "' already has " + now.maxConnectionsPerUser()
                    + " connections open, the most allowed (maxConnectionsPerUser).");
        }
        if (!take(connectionsPerAddress, host, now.maxConnectionsPerAddress())) {
            if (user != null) {
                give(connectionsPerUser, user);
            }
            throw limitReached(host + " already has " + now.maxConnectionsPerAddress()
                    + " connections open, the most allowed (maxConnectionsPerAddress).");
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                if (user != null) {
                    give(connectionsPerUser, user);
                }
                give(connectionsPerAddress, host);
            }
        };
    }

    /** Open connections of a user, as counted; for tests. */
    int connectionsOf(String user) {
        return connectionsPerUser.getOrDefault(user, 0);
    }

    private static boolean take(Map<String, Integer> counts, String key, int max) {
        boolean[] taken = new boolean[1];
        counts.compute(key, (ignored, count) -> {
            int current = count == null ? 0 : count;
            taken[0] = max == 0 || current < max;
            return taken[0] ? current + 1 : count;
        });
        return taken[0];
    }

    private static void give(Map<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (ignored, count) -> count <= 1 ? null : count - 1);
    }

    private void pruneIfLarge(long now) {
        if (failures.size() > PRUNE_ABOVE) {
            failures.values().removeIf(window -> !window.isCurrent(now));
        }
    }

    private static BrokerException limitReached(String message) {
        return new BrokerException(ErrorCode.RESOURCE_ALLOCATION, message);
    }

    /** Failed logins of one address since the window began. */
    private static final class FailureWindow {

        private final long start;
        private final AtomicBoolean reported = new AtomicBoolean();
        /** Only changed under the map's lock for the address; read without it. */
        private volatile int count;

        FailureWindow(long start) {
            this.start = start;
        }

        boolean isCurrent(long now) {
            return now - start < WINDOW_MILLIS;
        }
    }
}
