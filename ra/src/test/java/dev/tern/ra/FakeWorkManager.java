package dev.tern.ra;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.resource.spi.work.WorkRejectedException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/** A server's WorkManager: runs Work on a thread pool of its own. */
final class FakeWorkManager implements WorkManager, AutoCloseable {

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fake-work-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void doWork(Work work) throws WorkException {
        work.run();
    }

    @Override
    public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) throws WorkException {
        work.run();
    }

    @Override
    public long startWork(Work work) throws WorkException {
        scheduleWork(work, INDEFINITE, null, null);
        return 0;
    }

    @Override
    public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener)
            throws WorkException {
        scheduleWork(work, startTimeout, context, listener);
        return 0;
    }

    @Override
    public void scheduleWork(Work work) throws WorkException {
        scheduleWork(work, INDEFINITE, null, null);
    }

    @Override
    public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener)
            throws WorkException {
        try {
            executor.execute(() -> {
                if (listener != null) {
                    listener.workStarted(new WorkEvent(this, WorkEvent.WORK_STARTED, work, null));
                }
                work.run();
                if (listener != null) {
                    listener.workCompleted(new WorkEvent(this, WorkEvent.WORK_COMPLETED, work, null));
                }
            });
        } catch (RejectedExecutionException e) {
            throw new WorkRejectedException(e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
