package dev.tern.broker.store;

import dev.tern.protocol.MessageCodec;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A unit of work waiting for the journal thread, with its messages and XA branches already encoded (on the
 * caller's thread, so encoding runs in parallel and a message that cannot be encoded fails before it queues).
 *
 * @param ops the unit's operations, in order
 * @param encoded for each op, the encoded message of an {@link StoreOp.AddMessage} or branch of a
 *     {@link StoreOp.PrepareBranch}, else null
 * @param bytes approximate size, for bounding how much one commit takes
 * @param done completed by the journal thread
 * @param lazy true if the unit does not need a sync of its own (see {@link MessageStore#applyLazily})
 */
record PendingUnit(List<StoreOp> ops, byte[][] encoded, long bytes, CompletableFuture<Void> done, boolean lazy) {

    private static final int OP_OVERHEAD_BYTES = 64;

    static PendingUnit of(List<StoreOp> unit, boolean lazy) {
        List<StoreOp> ops = List.copyOf(unit);
        byte[][] encoded = new byte[ops.size()][];
        long bytes = 0;
        for (int i = 0; i < ops.size(); i++) {
            StoreOp op = Objects.requireNonNull(ops.get(i), "op");
            if (op instanceof StoreOp.AddMessage add) {
                encoded[i] = MessageCodec.encode(Objects.requireNonNull(add.message(), "message"));
                bytes += encoded[i].length;
            } else if (op instanceof StoreOp.PrepareBranch prepare) {
                encoded[i] = BranchCodec.encode(Objects.requireNonNull(prepare.branch(), "branch"));
                bytes += encoded[i].length;
            }
            bytes += OP_OVERHEAD_BYTES;
        }
        return new PendingUnit(ops, encoded, bytes, new CompletableFuture<>(), lazy);
    }
}
