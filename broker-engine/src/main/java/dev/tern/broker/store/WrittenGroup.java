package dev.tern.broker.store;

import java.util.List;

/**
 * A group of units the journal thread has committed and written to the file, on its way to the sync
 * that makes it durable.
 *
 * @param units the group, in the order the units were applied
 * @param failures for each unit, why it was not applied, or null if it was
 * @param needsSync true if a unit that nobody may see before the disk has it was applied; a group of
 *     lazy units alone (see {@link MessageStore#applyLazily}) is complete once written
 */
record WrittenGroup(List<PendingUnit> units, Throwable[] failures, boolean needsSync) {

    /** A group none of whose units was applied, all for the same reason. */
    static WrittenGroup failed(List<PendingUnit> units, Throwable failure) {
        Throwable[] failures = new Throwable[units.size()];
        java.util.Arrays.fill(failures, failure);
        return new WrittenGroup(units, failures, false);
    }

    /** Fails every unit that had not failed yet, as when the sync that should have covered them failed. */
    void failApplied(Throwable failure) {
        for (int i = 0; i < failures.length; i++) {
            if (failures[i] == null) {
                failures[i] = failure;
            }
        }
    }

    /** How many units were applied (so far as no later failure undoes that). */
    int appliedCount() {
        int applied = 0;
        for (Throwable failure : failures) {
            if (failure == null) {
                applied++;
            }
        }
        return applied;
    }

    /** Completes every unit's future, in order. */
    void complete() {
        for (int i = 0; i < units.size(); i++) {
            if (failures[i] == null) {
                units.get(i).done().complete(null);
            } else {
                units.get(i).done().completeExceptionally(failures[i]);
            }
        }
    }
}
