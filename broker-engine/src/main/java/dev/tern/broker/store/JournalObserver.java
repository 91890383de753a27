package dev.tern.broker.store;

/**
 * Hears of each force of the journal to disk, for metrics. Called on the journal's sync thread, so it must
 * be quick and must not block.
 */
@FunctionalInterface
public interface JournalObserver {

    /** Hears nothing. */
    JournalObserver NONE = (nanos, units) -> { };

    /**
     * A force succeeded.
     *
     * @param nanos how long it took
     * @param units how many units it made durable: the size of the group commit
     */
    void forced(long nanos, int units);
}
