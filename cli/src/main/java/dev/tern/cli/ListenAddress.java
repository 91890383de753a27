package dev.tern.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where the standalone broker listens, secure by default: with no users file and no host chosen it
 * listens on the loopback address only, so that nobody on another machine can connect without a
 * password. To listen on other interfaces without a users file the operator must say so, with
 * {@code --allow-anonymous} or {@code allowAnonymous = true}.
 *
 * @param host the address asked for, or null for the default
 * @param allowAnonymous whether the broker may accept connections from other machines without a users file
 */
record ListenAddress(String host, boolean allowAnonymous) {

    /** Only this machine. */
    static final String LOOPBACK = "127.0.0.1";
    /** Every interface. */
    static final String EVERY_INTERFACE = "0.0.0.0";
    /** No host chosen, anonymous access not allowed. */
    static final ListenAddress DEFAULT = new ListenAddress(null, false);

    ListenAddress withHost(String value) {
        return new ListenAddress(value, allowAnonymous);
    }

    ListenAddress withAllowAnonymous(boolean value) {
        return new ListenAddress(host, value);
    }

    /**
     * The address to bind: the one asked for, or by default every interface when connections must log in
     * or anonymous access is allowed, and the loopback address otherwise.
     *
     * @param authenticated whether the broker has a users file
     * @throws IllegalArgumentException if a host other than the loopback is asked for without a users file
     *     and without anonymous access allowed
     */
    String bindHost(boolean authenticated) {
        if (host == null) {
            return authenticated || allowAnonymous ? EVERY_INTERFACE : LOOPBACK;
        }
        if (!authenticated && !allowAnonymous && !isLoopback(host)) {
            throw new IllegalArgumentException("Listening on " + host + " without a users file would let anyone who "
                    + "reaches it connect without a password and send, consume and run the admin commands. Set "
                    + "usersFile to require a login, or pass --allow-anonymous (allowAnonymous = true) if that is "
                    + "what you want.");
        }
        return host;
    }

    /** Whether connections from other machines may come in without a password. */
    boolean exposedWithoutLogin(boolean authenticated) {
        return !authenticated && !isLoopback(bindHost(authenticated));
    }

    /** True for {@code localhost} and loopback addresses; false for a name that does not resolve. */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
