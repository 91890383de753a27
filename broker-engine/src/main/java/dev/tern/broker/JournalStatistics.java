package dev.tern.broker;

/**
 * How hard the journal works: units of work applied (sends, acknowledgments, commits) and the syncs to
 * disk they needed. Many units per sync means group commit is working.
 *
 * @param units units of work made durable
 * @param syncs commits synced to disk
 */
public record JournalStatistics(long units, long syncs) {
}
