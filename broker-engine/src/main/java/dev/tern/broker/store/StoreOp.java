package dev.tern.broker.store;

import dev.tern.protocol.BranchId;
import dev.tern.protocol.MessageRecord;

/** One change to the store; a list of them forms a unit of work for {@link MessageStore#apply}. */
public sealed interface StoreOp {

    /** Creates or replaces a durable queue. */
    record AddQueue(QueueRecord queue) implements StoreOp {
    }

    /** Deletes a queue and every reference it holds. Messages left without references are deleted too. */
    record RemoveQueue(String queueName) implements StoreOp {
    }

    /** Stores a message body once; references place it on queues. */
    record AddMessage(long messageId, MessageRecord message) implements StoreOp {
    }

    /** Places a stored message on a queue. */
    record AddReference(long messageId, String queueName) implements StoreOp {
    }

    /** Takes a message off a queue, as when it is acknowledged. */
    record RemoveReference(long messageId, String queueName) implements StoreOp {
    }

    /** Deletes a message that no queue references any more. */
    record DeleteMessage(long messageId) implements StoreOp {
    }

    /** Records how many times a message on a queue has been delivered, so redelivery survives a restart. */
    record UpdateDeliveryCount(long messageId, String queueName, int deliveryCount) implements StoreOp {
    }

    /**
     * Remembers a duplicate ID sent to an address, replacing an earlier entry for the same ID.
     *
     * @param address the destination, as {@code queue://name} or {@code topic://name}
     * @param sequence orders entries across addresses; the larger, the more recent
     * @param addedAt when the ID was taken, in epoch milliseconds of the broker's clock
     */
    record AddDuplicateId(String address, String duplicateId, long sequence, long addedAt) implements StoreOp {
    }

    /** Forgets a duplicate ID, if it is still the entry with this sequence number. */
    record RemoveDuplicateId(String address, String duplicateId, long sequence) implements StoreOp {
    }

    /**
     * Journals a prepared XA branch; the unit also stores its sends' messages. Fails the unit if a branch
     * with the same ID is stored.
     */
    record PrepareBranch(PreparedBranch branch) implements StoreOp {
    }

    /** Forgets a prepared branch once it is decided; the unit also holds what the decision changes. */
    record RemoveBranch(BranchId id) implements StoreOp {
    }
}
