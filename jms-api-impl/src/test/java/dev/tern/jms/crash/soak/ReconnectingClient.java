package dev.tern.jms.crash.soak;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.List;

/**
 * A client of the soak on a thread of its own, with one plain {@code tcp://} connection at a time: when a call
 * fails because the broker was killed, it connects again, every {@value #RECONNECT_PAUSE_MILLIS} ms until the
 * restarted broker answers (or, given several URLs, the next broker in turn: the backup that took over), and
 * goes on, until it is stopped.
 */
abstract class ReconnectingClient {

    static final long RECONNECT_PAUSE_MILLIS = 50;

    private final List<TernConnectionFactory> factories;
    private final Thread thread;
    private int next;
    private volatile boolean stopping;
    private volatile Throwable failure;

    ReconnectingClient(List<String> urls, String name) {
        this.factories = urls.stream().map(TernConnectionFactory::new).toList();
        this.thread = new Thread(this::run, name);
    }

    void start() {
        thread.start();
    }

    /**
     * Asks the client to finish what it is doing and close its connection, and waits for it.
     *
     * @throws IllegalStateException if it still runs after the timeout, or failed otherwise than by a JMSException
     */
    void stop(Duration timeout) throws InterruptedException {
        stopping = true;
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException(thread.getName() + " still runs " + timeout + " after it was asked to stop");
        }
        checkHealthy();
    }

    /** @throws IllegalStateException if the client stopped on a failure other than a JMSException */
    void checkHealthy() {
        if (failure != null) {
            throw new IllegalStateException(thread.getName() + " failed", failure);
        }
    }

    final boolean stopping() {
        return stopping;
    }

    /** Sets the connection up before it starts; nothing by default. */
    void configure(Connection connection) throws JMSException {
    }

    /**
     * Works over one started connection: returns once {@link #stopping()}, throws when the link is lost (or the
     * broker refuses a call while it goes down).
     */
    abstract void work(Connection connection) throws JMSException;

    /** The work ended with an exception: whatever it had in flight is in doubt. */
    abstract void linkLost();

    private void run() {
        try {
            while (!stopping) {
                try (Connection connection = factories.get(next).createConnection()) {
                    configure(connection);
                    connection.start();
                    work(connection);
                } catch (JMSException e) {
                    next = (next + 1) % factories.size();
                    linkLost();
                    Thread.sleep(RECONNECT_PAUSE_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }
}
