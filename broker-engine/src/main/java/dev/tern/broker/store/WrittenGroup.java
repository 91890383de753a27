package dev.tern.broker.store;

import java.util.List;
import org.h2.mvstore.MVStore;

/**
 * A group of units the journal thread has written (committed to the file, not yet forced), on its way to
 * the sync thread.
 *
 * @param units the units, in the order they were applied
 * @param failures for each unit, why it failed, or null if it is in the file
 * @param store the journal the group was written to (a later group may go to the file opened again)
 * @param pin the version pinned for the group until a force covers it; null if the journal was closed
 */
record WrittenGroup(List<PendingUnit> units, Throwable[] failures, MVStore store, MVStore.TxCounter pin) {

    /** Whether a unit that somebody waits for is in the file, so that the group needs a force. */
    boolean needsForce() {
        for (int i = 0; i < units.size(); i++) {
            if (failures[i] == null && !units.get(i).lazy()) {
                return true;
            }
        }
        return false;
    }

    /** Whether any unit is in the file. */
    boolean wroteAny() {
        for (Throwable failure : failures) {
            if (failure == null) {
                return true;
            }
        }
        return false;
    }
}
