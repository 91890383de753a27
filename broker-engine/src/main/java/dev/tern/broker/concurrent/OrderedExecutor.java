package dev.tern.broker.concurrent;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs its tasks one at a time, in the order they were given, on the threads of a shared pool: the
 * broker's serial lane for one connection, or for the journal's completions. Any thread may add a task
 * and never waits; a task that throws is logged and the next one runs.
 *
 * <p>A lane gives its thread back to the pool after {@value #BATCH} tasks, so that a busy lane does not
 * keep others waiting. Once the pool has stopped, a lane either drops what it is given (a connection's
 * commands: the broker is gone) or runs it on the caller's thread ({@link #runningInlineWhenStopped}: the
 * last events of an in-JVM client, such as the answer to its close that stopped the broker).
 */
public final class OrderedExecutor implements Executor {

    /** Tasks run in one go before the lane lets other lanes have the thread. */
    static final int BATCH = 64;

    private static final Logger LOG = LoggerFactory.getLogger(OrderedExecutor.class);

    private final Executor pool;
    private final String name;
    private final boolean inlineWhenStopped;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile Thread runningOn;

    /**
     * @param pool where the tasks run
     * @param name what the lane serves, for logs
     */
    public OrderedExecutor(Executor pool, String name) {
        this(pool, name, false);
    }

    private OrderedExecutor(Executor pool, String name, boolean inlineWhenStopped) {
        this.pool = pool;
        this.name = name;
        this.inlineWhenStopped = inlineWhenStopped;
    }

    /** A lane that runs its tasks on the caller's thread once the pool has stopped, rather than dropping them. */
    public static OrderedExecutor runningInlineWhenStopped(Executor pool, String name) {
        return new OrderedExecutor(pool, name, true);
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    /** True on the thread running a task of this lane just now. */
    public boolean isCurrent() {
        return runningOn == Thread.currentThread();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException e) {
                if (inlineWhenStopped) {
                    drain();
                    return;
                }
                scheduled.set(false);
                LOG.debug("{}: {} tasks dropped, the pool has stopped", name, tasks.size());
                tasks.clear();
            }
        }
    }

    private void drain() {
        runningOn = Thread.currentThread();
        try {
            for (int run = 0; run < BATCH; run++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("{}: a task failed", name, e);
                }
            }
        } finally {
            runningOn = null;
            scheduled.set(false);
        }
        if (!tasks.isEmpty()) {
            schedule();
        }
    }
}
