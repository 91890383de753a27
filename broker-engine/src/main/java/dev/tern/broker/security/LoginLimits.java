package dev.tern.broker.security;

/**
 * Limits against abuse of the login. 0 means no limit.
 *
 * @param maxFailedLoginsPerMinute failed logins from one source address (host) within a minute, after which
 *     every login from it is refused, without checking its password and after a delay, until the minute
 *     is over; clients in the broker's own JVM are not counted
 * @param maxConnectionsPerUser open connections of one user at once
 * @param maxConnectionsPerAddress open connections from one source address (host) at once
 */
public record LoginLimits(int maxFailedLoginsPerMinute, int maxConnectionsPerUser, int maxConnectionsPerAddress) {

    /** Ten failed logins a minute from one address; no connection limits. */
    public static final LoginLimits DEFAULT = new LoginLimits(10, 0, 0);

    public LoginLimits {
        check("maxFailedLoginsPerMinute", maxFailedLoginsPerMinute);
        check("maxConnectionsPerUser", maxConnectionsPerUser);
        check("maxConnectionsPerAddress", maxConnectionsPerAddress);
    }

    public LoginLimits withMaxFailedLoginsPerMinute(int value) {
        return new LoginLimits(value, maxConnectionsPerUser, maxConnectionsPerAddress);
    }

    public LoginLimits withMaxConnectionsPerUser(int value) {
        return new LoginLimits(maxFailedLoginsPerMinute, value, maxConnectionsPerAddress);
    }

    public LoginLimits withMaxConnectionsPerAddress(int value) {
        return new LoginLimits(maxFailedLoginsPerMinute, maxConnectionsPerUser, value);
    }

    private static void check(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be 0 (no limit) or more, was " + value + ".");
        }
    }
}
