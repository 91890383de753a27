package dev.tern.broker.core;

import dev.tern.broker.store.MessageStore;
import dev.tern.broker.store.PreparedBranch;
import dev.tern.broker.store.QueueRecord;
import dev.tern.broker.store.StoreOp;
import dev.tern.broker.store.StoredState;
import dev.tern.protocol.BranchId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns what the broker does with messages into units of work for the {@link MessageStore}, and makes
 * sent messages visible on their queues only once they are durable.
 *
 * <p>Only persistent messages on durable queues are journaled. A message is stored once however many
 * queues it lands on and deleted with its last stored reference: references on non-durable queues live in
 * memory only, and neither keep it in the store nor journal anything when they go. A unit is decided under
 * the journal's monitor (duplicate IDs, retention logs, stored reference counts), and handed to the store,
 * which encodes it, on the caller's thread after the monitor is released.
 */
public final class Journal implements PageSource {

    /** Paged messages discarded per store unit. */
    private static final int DISCARD_CHUNK = 1_000;

    private final MessageStore store;
    private final DuplicateIdCache duplicates;
    private final LongSupplier now;
    private volatile Consumer<List<MessageRef>> consumed = refs -> { };

    /** A journal whose retained messages take their arrival time from the system clock. */
    public Journal(MessageStore store, DuplicateIdCache duplicates) {
        this(store, duplicates, System::currentTimeMillis);
    }

    /**
     * @param duplicates decides which sends repeat a remembered duplicate ID; they are dropped here
     * @param now the broker's clock, in epoch milliseconds, for the arrival time of retained messages
     */
    public Journal(MessageStore store, DuplicateIdCache duplicates, LongSupplier now) {
        this.store = store;
        this.duplicates = duplicates;
        this.now = now;
    }

    /**
     * A message and the queues it was routed to.
     *
     * @param retention the log of the topic that retains the message, or null
     */
    public record RoutedMessage(ServerMessage message, List<MessageQueue> targets, RetentionLog retention) {

        /** A message no topic retains. */
        public RoutedMessage(ServerMessage message, List<MessageQueue> targets) {
            this(message, targets, null);
        }
    }

    /**
     * Makes sends and acknowledgments final as one atomic unit.
     *
     * @param sends messages to place on their queues; they become visible when the unit is durable. A
     *     send that repeats a remembered duplicate ID is left out and counts as done when its original is.
     * @param acknowledged references to remove for good
     * @return completes once the unit is durable and the sent messages are on their queues; if the unit fails,
     *     the sent messages were never on their queues and are not counted there
     */
    public CompletableFuture<Void> commit(List<RoutedMessage> sends, List<MessageRef> acknowledged) {
        notifyConsumed(acknowledged);
        return commit(sends, acknowledged, List.of());
    }

    /**
     * Tells an observer of every reference a client acknowledged (a commit's, an XA commit's too), as the
     * acknowledgment is submitted, on the caller's thread: for metrics. Moves and discards are not told.
     */
    public void onConsumed(Consumer<List<MessageRef>> observer) {
        this.consumed = observer;
    }

    private void notifyConsumed(List<MessageRef> acknowledged) {
        if (!acknowledged.isEmpty()) {
            consumed.accept(acknowledged);
        }
    }

    /** Moves a reference that is on no queue now to another queue as a copy, in one unit; see {@link MessageMover}. */
    CompletableFuture<Void> move(RoutedMessage copy, MessageRef original) {
        return commit(List.of(copy), List.of(original), List.of());
    }

    /**
     * Journals a prepared XA branch: its persistent sends' messages, stored without a reference on any queue
     * so that they stay invisible, and the references it acknowledged, which stay stored and locked. Nothing
     * is enqueued or released; {@link #commitPrepared} or {@link #rollbackPrepared} does that.
     *
     * @return completes once the branch is durable
     */
    public CompletableFuture<Void> prepare(BranchId branch, List<RoutedMessage> sends, List<MessageRef> acknowledged) {
        List<StoreOp> unit = new ArrayList<>();
        List<PreparedBranch.Send> stored = new ArrayList<>();
        for (RoutedMessage send : sends) {
            ServerMessage message = send.message();
            boolean durableTarget = send.targets().stream().anyMatch(MessageQueue::isDurable);
            if (message.record().persistent() && (send.retention() != null || durableTarget)) {
                message.markStored();
                unit.add(new StoreOp.AddMessage(message.id(), message.record()));
                stored.add(new PreparedBranch.Send(message.id(), send.targets().stream()
                        .filter(MessageQueue::isDurable).map(MessageQueue::name).toList()));
            }
        }
        List<PreparedBranch.Acknowledged> locked = acknowledged.stream().filter(Journal::isJournaled)
                .map(ref -> new PreparedBranch.Acknowledged(ref.message().id(), ref.queue().name())).toList();
        unit.add(new StoreOp.PrepareBranch(new PreparedBranch(branch, stored, locked)));
        return store.apply(unit);
    }

    /**
     * Commits a prepared XA branch as {@link #commit} does, and forgets it in the same unit; the messages it
     * stored when prepared are not stored again.
     */
    public CompletableFuture<Void> commitPrepared(BranchId branch, List<RoutedMessage> sends,
            List<MessageRef> acknowledged) {
        notifyConsumed(acknowledged);
        return commit(sends, acknowledged, List.of(new StoreOp.RemoveBranch(branch)));
    }

    /**
     * Rolls a prepared XA branch back in the store: deletes the messages it stored and forgets it. The
     * references it acknowledged stay stored; the caller puts them back on their queues.
     */
    public CompletableFuture<Void> rollbackPrepared(BranchId branch, List<RoutedMessage> sends) {
        List<StoreOp> unit = new ArrayList<>();
        for (RoutedMessage send : sends) {
            if (send.message().isStored()) {
                unit.add(new StoreOp.DeleteMessage(send.message().id()));
            }
        }
        unit.add(new StoreOp.RemoveBranch(branch));
        return store.apply(unit);
    }

    private CompletableFuture<Void> commit(List<RoutedMessage> sends, List<MessageRef> acknowledged,
            List<StoreOp> alsoInTheUnit) {
        List<MessageRef> toEnqueue = new ArrayList<>();
        List<CompletableFuture<Void>> originals = new ArrayList<>();
        CompletableFuture<Void> durable = submit(sends, acknowledged, toEnqueue, originals, false, alsoInTheUnit);
        if (!originals.isEmpty()) {
            originals.add(durable);
            durable = CompletableFuture.allOf(originals.toArray(CompletableFuture[]::new));
        }
        if (toEnqueue.isEmpty()) {
            return durable;
        }
        return durable.whenComplete((done, failure) -> {
            if (failure != null) {
                // Never on their queues: the queues stop counting them, and the journal holds none of them.
                toEnqueue.forEach(ref -> ref.queue().refNeverEnqueued());
                return;
            }
            for (MessageRef ref : toEnqueue) {
                if (!ref.queue().enqueue(ref)) {
                    discard(List.of(ref));
                }
            }
        });
    }

    /**
     * Removes acknowledged references for good.
     *
     * @param sync false when nobody waits for the answer (AUTO and DUPS_OK acknowledgments, which the
     *     client sends without waiting): the store then writes the unit with the others but need not
     *     sync for it alone ({@link MessageStore#applyLazily}); a crash of the broker's process loses
     *     nothing written, and one of the machine at worst redelivers the message, as those modes allow
     * @return completes once the unit is written, and synced if asked
     */
    public CompletableFuture<Void> acknowledge(List<MessageRef> acknowledged, boolean sync) {
        notifyConsumed(acknowledged);
        return submit(List.of(), acknowledged, new ArrayList<>(), new ArrayList<>(), !sync, List.of());
    }

    /** Drops references whose queue is gone, deleting messages no queue holds any more; nobody waits for it. */
    public void discard(List<MessageRef> refs) {
        if (!refs.isEmpty()) {
            submit(List.of(), refs, new ArrayList<>(), new ArrayList<>(), true, List.of());
        }
    }

    @Override
    public boolean pagesToDisk() {
        return store.pagesToDisk();
    }

    /** Reads stored messages a journal queue references, ascending by ID; those it no longer holds are left out. */
    List<StoredState.PagedMessage> readStored(String queueName, long[] messageIds) {
        return store.readPage(queueName, messageIds);
    }

    /**
     * Runs {@code action} while no unit is built: what it does with units and retention logs is ordered
     * against every send and acknowledgment.
     */
    synchronized void exclusively(Runnable action) {
        action.run();
    }

    @Override
    public List<MessageRef> read(MessageQueue queue, long[] messageIds) {
        List<StoredState.PagedMessage> page = store.readPage(queue.name(), messageIds);
        List<MessageRef> refs = new ArrayList<>(page.size());
        for (StoredState.PagedMessage stored : page) {
            ServerMessage message = new ServerMessage(stored.messageId(), stored.message(), 0);
            message.addStoredReference();
            refs.add(queue.pagedInRef(message, stored.deliveryCount()));
        }
        return refs;
    }

    @Override
    public void discard(MessageQueue queue, long[] messageIds) {
        for (int from = 0; from < messageIds.length; from += DISCARD_CHUNK) {
            List<StoreOp> unit = new ArrayList<>();
            for (int i = from; i < Math.min(messageIds.length, from + DISCARD_CHUNK); i++) {
                unit.add(new StoreOp.RemoveReference(messageIds[i], queue.name()));
                unit.add(new StoreOp.DeleteMessage(messageIds[i]));
            }
            store.apply(unit);
        }
    }

    /** Records a new delivery count of a journaled reference; does not wait for the disk. */
    public void recordDeliveryCount(MessageRef ref) {
        if (isJournaled(ref)) {
            store.apply(List.of(new StoreOp.UpdateDeliveryCount(
                    ref.message().id(), ref.queue().name(), ref.deliveryCount())));
        }
    }

    /** Journals a new durable queue; completes when it is on disk. */
    public CompletableFuture<Void> addQueue(QueueRecord queue) {
        return store.apply(List.of(new StoreOp.AddQueue(queue)));
    }

    /** Journals the removal of a durable queue with all its references. */
    public CompletableFuture<Void> removeQueue(String queueName) {
        return store.apply(List.of(new StoreOp.RemoveQueue(queueName)));
    }

    /** Applies store operations as one unit, after every unit built before it: ordered against sends. */
    synchronized CompletableFuture<Void> applyInOrder(List<StoreOp> unit) {
        return apply(unit);
    }

    /** Applies store operations as one unit, such as removals of duplicate IDs outside their window at start-up. */
    public CompletableFuture<Void> apply(List<StoreOp> unit) {
        return unit.isEmpty() ? CompletableFuture.completedFuture(null) : store.apply(unit);
    }

    /**
     * Decides a unit under the journal's monitor, then hands it to the store outside it: the store encodes
     * its messages on this thread and queues it without a lock of the journal held, so units from many
     * threads are encoded at once. Units may reach the store in another order than they were decided;
     * that is safe because no two units that depend on each other are ever in flight together (a message is
     * acknowledged only after its send is durable), and the store deletes a message with its last
     * reference whatever unit removes it.
     */
    private CompletableFuture<Void> submit(List<RoutedMessage> sends, List<MessageRef> acknowledged,
            List<MessageRef> toEnqueue, List<CompletableFuture<Void>> originals, boolean lazy,
            List<StoreOp> alsoInTheUnit) {
        List<DuplicateIdCache.Admission> admitted = new ArrayList<>();
        List<Retained> retained = new ArrayList<>();
        List<StoreOp> unit = decide(sends, acknowledged, toEnqueue, originals, admitted, retained);
        unit.addAll(alsoInTheUnit);
        CompletableFuture<Void> durable = unit.isEmpty()
                ? CompletableFuture.completedFuture(null)
                : lazy ? store.applyLazily(unit) : store.apply(unit);
        admitted.forEach(admission -> admission.settle(durable));
        if (!retained.isEmpty()) {
            durable.whenComplete((done, failure) -> retained.forEach(r -> r.settle(failure == null)));
        }
        return durable;
    }

    /**
     * The store ops of sends and acknowledgments, with the bookkeeping that must follow one order across
     * threads: duplicate IDs, retention logs and stored reference counts.
     */
    private synchronized List<StoreOp> decide(List<RoutedMessage> sends, List<MessageRef> acknowledged,
            List<MessageRef> toEnqueue, List<CompletableFuture<Void>> originals,
            List<DuplicateIdCache.Admission> admitted, List<Retained> retained) {
        List<StoreOp> unit = new ArrayList<>();
        for (RoutedMessage send : sends) {
            ServerMessage message = send.message();
            // Stored already if it was sent in an XA branch that was prepared.
            boolean storedWhenPrepared = message.isStored();
            DuplicateIdCache.Admission admission = duplicates.admit(message, unit);
            if (admission.isDuplicate()) {
                if (storedWhenPrepared) {
                    unit.add(new StoreOp.DeleteMessage(message.id()));
                }
                originals.add(admission.original());
                continue;
            }
            admitted.add(admission);
            RetentionLog retention = send.retention();
            List<MessageQueue> targets = send.targets();
            if (retention != null) {
                List<MessageQueue> late = retention.lateSubscribers(message, targets);
                if (!late.isEmpty()) {
                    targets = new ArrayList<>(targets);
                    targets.addAll(late);
                }
            }
            boolean journal = message.record().persistent()
                    && (retention != null || targets.stream().anyMatch(MessageQueue::isDurable));
            if (journal && !storedWhenPrepared) {
                message.markStored();
                unit.add(new StoreOp.AddMessage(message.id(), message.record()));
            }
            if (retention != null) {
                retained.add(new Retained(retention, retention.append(message, now.getAsLong(), unit)));
            }
            for (MessageQueue target : targets) {
                toEnqueue.add(target.createRef(message, 0));
                if (journal && target.isDurable()) {
                    unit.add(new StoreOp.AddReference(message.id(), target.name()));
                    message.addStoredReference();
                }
            }
        }
        for (MessageRef ref : acknowledged) {
            release(ref, unit);
        }
        return unit;
    }

    /**
     * Releases an acknowledged or discarded reference; a stored one is removed from the store, and the
     * message with it if that was its last stored reference, even though non-durable queues may still hold
     * it in memory. A deleted queue's references went with it in the store.
     */
    private static void release(MessageRef ref, List<StoreOp> unit) {
        ServerMessage message = ref.message();
        boolean storedReference = message.isStored() && ref.queue().isDurable();
        ref.queue().refReleased();
        message.releaseReference();
        if (storedReference) {
            boolean last = message.releaseStoredReference();
            if (!ref.queue().isDeleted()) {
                unit.add(new StoreOp.RemoveReference(message.id(), ref.queue().name()));
                if (last) {
                    unit.add(new StoreOp.DeleteMessage(message.id()));
                }
            }
        }
    }

    /** A message appended to a retention log in a unit not yet durable. */
    private record Retained(RetentionLog log, RetentionLog.Entry entry) {
        void settle(boolean durable) {
            if (durable) {
                log.settled(entry);
            } else {
                log.failed(entry);
            }
        }
    }

    /**
     * True if the store holds this reference. A deleted queue's references went with it; acknowledging one
     * later must not touch a queue created since under the same name.
     */
    private static boolean isJournaled(MessageRef ref) {
        return ref.message().isStored() && ref.queue().isDurable() && !ref.queue().isDeleted();
    }
}
