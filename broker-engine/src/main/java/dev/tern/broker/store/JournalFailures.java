package dev.tern.broker.store;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the journal reports a failing file: in full, with its stack trace, the first time, then in one line
 * per failed write or force while it lasts, and once more when the file is written again. Shared by the
 * journal thread and the sync thread, and kept across the reopenings of the file.
 */
final class JournalFailures {

    private static final Logger LOG = LoggerFactory.getLogger(JournalFailures.class);

    private final String fileName;
    /** True from a failure of the file until a force succeeds again. */
    private final AtomicBoolean failing = new AtomicBoolean();

    JournalFailures(String fileName) {
        this.fileName = fileName;
    }

    /** The journal file, for messages. */
    String fileName() {
        return fileName;
    }

    /** Logs a failure of the file with its stack trace the first time, in one line while it lasts. */
    void log(String message, RuntimeException e) {
        if (failing.compareAndSet(false, true)) {
            LOG.error(message, e);
        } else {
            LOG.error(message);
        }
    }

    /** True from a failure of the file until a force succeeds again. */
    boolean isFailing() {
        return failing.get();
    }

    /** Notes a successful force; logs that the file is written again if it was failing. */
    void recovered() {
        if (failing.get() && failing.compareAndSet(true, false)) {
            LOG.warn("The journal {} is written again", fileName);
        }
    }

    /**
     * What went wrong with the file, as the operating system said it ({@code No space left on device}): the
     * innermost cause's message. MVStore's own message names the channel object rather than the file.
     */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
