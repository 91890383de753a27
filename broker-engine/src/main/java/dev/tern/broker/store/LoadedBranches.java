package dev.tern.broker.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prepared XA branches as a store hands them over at start-up, and what they mean for the rest of
 * what it loads: their sends' messages are held by them, not orphans, and the references they
 * acknowledged are locked, left out of the queues' lists. Each branch is trimmed to the messages and
 * references still stored; what is missing (a broker bug, or a queue deleted while the branch was in
 * doubt) is logged at WARN.
 */
final class LoadedBranches {

    private static final Logger LOG = LoggerFactory.getLogger(LoadedBranches.class);

    /** Whether a queue holds a stored message. */
    interface ReferenceTest {
        boolean isStored(long messageId, String queueName);
    }

    private final List<PreparedBranch> branches;
    /** message ID -> the queues whose reference to it a branch acknowledged. */
    private final Map<Long, Set<String>> locked = new HashMap<>();

    private LoadedBranches(List<PreparedBranch> branches) {
        this.branches = List.copyOf(branches);
        for (PreparedBranch branch : this.branches) {
            for (PreparedBranch.Acknowledged acknowledged : branch.acknowledged()) {
                locked.computeIfAbsent(acknowledged.messageId(), id -> new HashSet<>()).add(acknowledged.queueName());
            }
        }
    }

    /** The IDs of the messages the branches send: start-up must not delete them as orphans. */
    static Set<Long> sentMessageIds(Collection<PreparedBranch> branches) {
        Set<Long> ids = new HashSet<>();
        for (PreparedBranch branch : branches) {
            for (PreparedBranch.Send send : branch.sends()) {
                ids.add(send.messageId());
            }
        }
        return ids;
    }

    /**
     * The branches, each without the sends whose message is not stored and the acknowledged references
     * not stored, which are logged.
     */
    static LoadedBranches of(Collection<PreparedBranch> stored, LongPredicate messageStored,
            ReferenceTest referenceStored) {
        List<PreparedBranch> loaded = new ArrayList<>(stored.size());
        for (PreparedBranch branch : stored) {
            List<PreparedBranch.Send> sends = branch.sends().stream()
                    .filter(send -> messageStored.test(send.messageId())).toList();
            List<PreparedBranch.Acknowledged> acknowledged = branch.acknowledged().stream()
                    .filter(ack -> referenceStored.isStored(ack.messageId(), ack.queueName())).toList();
            int missingSends = branch.sends().size() - sends.size();
            int missingAcks = branch.acknowledged().size() - acknowledged.size();
            if (missingSends + missingAcks > 0) {
                LOG.warn("Prepared XA branch {} lacks {} of its {} sent messages and {} of its {} acknowledged "
                        + "references in the store (a queue deleted while it was in doubt, or a broker bug); "
                        + "loading it with those that are there", branch.id(),
                        missingSends, branch.sends().size(), missingAcks, branch.acknowledged().size());
                branch = new PreparedBranch(branch.id(), sends, acknowledged);
            }
            loaded.add(branch);
        }
        if (!loaded.isEmpty()) {
            LOG.info("Loaded {} prepared XA branches; their sends stay invisible and the messages they acknowledged "
                    + "locked until each is committed or rolled back", loaded.size());
        }
        return new LoadedBranches(loaded);
    }

    List<PreparedBranch> branches() {
        return branches;
    }

    /** True if a branch acknowledged this reference, so that no queue may deliver it until the branch is decided. */
    boolean isLocked(long messageId, String queueName) {
        Set<String> queues = locked.get(messageId);
        return queues != null && queues.contains(queueName);
    }
}
