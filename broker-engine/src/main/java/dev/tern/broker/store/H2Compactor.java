package dev.tern.broker.store;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites sparsely filled chunks of the journal file on the journal thread, after each sync.
 *
 * <p>MVStore's background writer normally does this, but the journal runs without it (see
 * {@link JournalMaps}). Without rewriting, a chunk that keeps one long-lived message is never freed
 * and the file grows with the volume of messages passed through rather than with the messages held.
 * The rewritten pages are written by the next commit and forced to disk by its sync, like any data.
 *
 * <p>Measured on the SQL store the journal replaced (the same MVStore underneath), with 6 MB of live messages and about 40,000 2 KB
 * messages a second passing through (120 s): without rewriting the file reached 2.5 GB and kept
 * growing; with this it levelled at 334 MB after 60 s. The floor is MVStore's 45 s retention: a dead
 * chunk is reused only once it is 45 s old, so the file holds about 45 s worth of writes.
 */
final class H2Compactor {

    private static final Logger LOG = LoggerFactory.getLogger(H2Compactor.class);

    /** Rewrite when the live share of all chunks falls below this, in percent (H2's default is 90 too). */
    static final int TARGET_FILL_RATE = 90;
    /** At most about this many bytes are rewritten per commit, so a commit is never delayed long. */
    static final int WRITE_LIMIT_BYTES = 2 << 20;

    private final MVStore store;

    H2Compactor(MVStore store) {
        this.store = store;
    }

    /** Rewrites up to {@value #WRITE_LIMIT_BYTES} bytes of sparse chunks, if the file is sparse enough. */
    void afterSync() {
        try {
            store.compact(TARGET_FILL_RATE, WRITE_LIMIT_BYTES);
        } catch (RuntimeException e) {
            LOG.warn("Compacting the journal file failed; will try again later", e);
        }
    }
}
