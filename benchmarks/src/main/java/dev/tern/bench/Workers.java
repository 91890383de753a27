package dev.tern.bench;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.util.List;

/** Threads for scenario clients, which record what they throw instead of dying silently. */
final class Workers {

    private Workers() {
    }

    /** A daemon thread running {@code task}; anything it throws is added to {@code failures}. */
    static Thread thread(String name, List<Throwable> failures, Task task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } catch (Throwable e) {
                failures.add(e);
            }
        }, "bench-" + name);
        thread.setDaemon(true);
        return thread;
    }

    /** Closes a connection at the end of a run, ignoring a failure to do so: the broker is stopped next anyway. */
    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (JMSException | RuntimeException e) {
            // nothing useful to do: the run's result is already decided
        }
    }

    /** A client loop that may throw. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }
}
