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

    /** Threads started since the census that are alive now. */
    List<Thread> threadsLeft() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t) && t != Thread.currentThread())
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
