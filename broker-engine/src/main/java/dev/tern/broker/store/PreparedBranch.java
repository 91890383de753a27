package dev.tern.broker.store;

import dev.tern.protocol.BranchId;
import java.util.List;

/**
 * An XA branch that was prepared, as the journal keeps it until it is committed or rolled back.
 *
 * <p>Its sends' messages are stored ({@link StoreOp.AddMessage} in the unit that prepares it) without a
 * reference on any queue, so that they stay invisible; the commit adds the references. The references it
 * acknowledged stay stored on their queues, and a broker restarting with the branch keeps them locked
 * (delivered to nobody) until it is decided; the commit removes them.
 *
 * @param sends the messages to place on queues if it commits
 * @param acknowledged the references to remove if it commits
 */
public record PreparedBranch(BranchId id, List<Send> sends, List<Acknowledged> acknowledged) {

    public PreparedBranch {
        sends = List.copyOf(sends);
        acknowledged = List.copyOf(acknowledged);
    }

    /** A stored message and the durable queues it goes to when the branch commits. */
    public record Send(long messageId, List<String> queueNames) {
        public Send {
            queueNames = List.copyOf(queueNames);
        }
    }

    /** A stored reference the branch acknowledged. */
    public record Acknowledged(long messageId, String queueName) {
    }
}
