package dev.tern.broker.store;

import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites sparsely filled chunks of the journal file on the journal thread, at most once per
 * {@value #INTERVAL_MILLIS} ms.
 *
 * <p>MVStore's background writer normally does this, but the journal runs without it (see
 * {@link JournalMaps}). Without rewriting, a chunk that keeps one long-lived message is never freed
 * and the file grows with the volume of messages passed through rather than with the messages held.
 * The rewritten pages are written by the next commit and forced to disk with it, like any data.
 *
 * <p>Measured on the SQL store the journal replaced (the same MVStore underneath), with 6 MB of live messages and about 40,000 2 KB
 * messages a second passing through (120 s): without rewriting the file reached 2.5 GB and kept
 * growing; with this it levelled at 334 MB after 60 s.
 *
 * <p>Each look walks every chunk of the file, of which there is one per commit within the retention time:
 * done after every commit, as it was until issue 21, it took three quarters of the journal thread's time
 * with one producer; once a second, as MVStore's own background writer does, it no longer shows in a profile.
 */
final class H2Compactor {

    private static final Logger LOG = LoggerFactory.getLogger(H2Compactor.class);

    /** Rewrite when the live share of all chunks falls below this, in percent (H2's default is 90 too). */
    static final int TARGET_FILL_RATE = 90;
    /** At most about this many bytes are rewritten per look, so a commit is never delayed long. */
    static final int WRITE_LIMIT_BYTES = 2 << 20;
    /** At most one look per this many milliseconds. */
    static final long INTERVAL_MILLIS = 1_000;

    private final MVStore store;
    private long lastLookNanos = System.nanoTime();

    H2Compactor(MVStore store) {
        this.store = store;
    }

    /** Rewrites up to {@value #WRITE_LIMIT_BYTES} bytes of sparse chunks, if a look is due and the file is sparse enough. */
    void whenDue() {
        long now = System.nanoTime();
        if (now - lastLookNanos < TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS)) {
            return;
        }
        lastLookNanos = now;
        try {
            store.compact(TARGET_FILL_RATE, WRITE_LIMIT_BYTES);
        } catch (RuntimeException e) {
            LOG.warn("Compacting the journal file failed; will try again later", e);
        }
    }
}
