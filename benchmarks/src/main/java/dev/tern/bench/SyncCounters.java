package dev.tern.bench;

/**
 * A broker's journal counters: units written (a send, an acknowledgment, a commit) and syncs to disk.
 */
public record SyncCounters(long units, long syncs) {

    /** The counts made between {@code earlier} and this. */
    SyncCounters since(SyncCounters earlier) {
        return new SyncCounters(units - earlier.units, syncs - earlier.syncs);
    }
}
