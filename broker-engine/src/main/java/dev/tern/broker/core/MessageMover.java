package dev.tern.broker.core;

import dev.tern.broker.core.Journal.RoutedMessage;
import dev.tern.protocol.MessageRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Moves a message from one queue to another as a copy with a changed record, in one store unit: the
 * copy and its reference are added and the old reference removed together, so a crash leaves the
 * message either where it was or where it went, never in both or neither.
 */
final class MessageMover {

    private final Journal journal;
    private final LongSupplier messageIds;

    MessageMover(Journal journal, LongSupplier messageIds) {
        this.journal = journal;
        this.messageIds = messageIds;
    }

    /**
     * Moves a reference that is on no queue now (taken off it, or in flight) to {@code target}.
     *
     * @return completes once the move is durable and the copy is on the target queue
     */
    CompletableFuture<Void> move(MessageRef ref, MessageRecord record, MessageQueue target) {
        ServerMessage copy = new ServerMessage(messageIds.getAsLong(), record, ref.message().senderConnectionId());
        return journal.move(new RoutedMessage(copy, List.of(target)), ref);
    }

    /** Drops references for good, deleting messages no queue holds any more. */
    void drop(List<MessageRef> refs) {
        journal.discard(refs);
    }
}
