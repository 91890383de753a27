package dev.tern.broker.session;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Holds what a connection is asked to do while its login is checked off its lane, and lets it through,
 * in order, once the login is answered. Used on the connection's lane only.
 */
final class LoginGate {

    /** How many commands a client may send before its login is answered. */
    static final int MAX_HELD = 64;

    private final Queue<Runnable> held = new ArrayDeque<>();
    private boolean checking;

    /** A login is being checked: hold what comes until {@link #release}. */
    void close() {
        checking = true;
    }

    boolean isClosed() {
        return checking;
    }

    /**
     * Holds a task for after the login.
     *
     * @return false, holding nothing, if {@link #MAX_HELD} tasks wait already
     */
    boolean hold(Runnable task) {
        if (held.size() >= MAX_HELD) {
            return false;
        }
        held.add(task);
        return true;
    }

    /** The login is answered: runs what was held, in order, until one of those starts another login. */
    void release() {
        checking = false;
        Runnable next;
        while (!checking && (next = held.poll()) != null) {
            next.run();
        }
    }
}
