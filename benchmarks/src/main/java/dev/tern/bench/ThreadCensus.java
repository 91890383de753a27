package dev.tern.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Notes the live threads before a broker starts, to name those still alive after it stopped. */
final class ThreadCensus {

    private final Set<Thread> before;

    private ThreadCensus(Set<Thread> before) {
        this.before = before;
    }

    static ThreadCensus take() {
        return new ThreadCensus(new HashSet<>(Thread.getAllStackTraces().keySet()));
    }

    /**
     * Threads started since the census that are still alive, after giving them {@code graceMillis} to end.
     */
    List<String> leftAfter(long graceMillis) throws InterruptedException {
        return threadsLeftAfter(graceMillis).stream().map(Thread::getName).sorted().toList();
    }

    /**
     * The JDK's thread that waits for child processes (such as the Artemis AMQP child JVM); shared by the JVM
     * and idle after the child exits, it is no broker's.
     */
    private static final String PROCESS_REAPER = "process reaper";

    /**
     * Netty's shared executor for global tasks, a JVM-wide singleton that any Netty user starts and that ends
     * by itself after a second of quiet; in a fresh JVM per run it is new after every broker.
     */
    private static final String NETTY_GLOBAL_EXECUTOR = "globalEventExecutor";

    /** Threads started since the census that are alive now. */
    List<Thread> threadsLeft() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t) && t != Thread.currentThread())
                .filter(t -> !t.getName().equals(PROCESS_REAPER) && !t.getName().startsWith(NETTY_GLOBAL_EXECUTOR))
                .toList();
    }

    private List<Thread> threadsLeftAfter(long graceMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + graceMillis;
        List<Thread> left;
        do {
            left = threadsLeft();
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        return left;
    }
}
