package dev.tern.broker.session;

import dev.tern.broker.core.DispatchResult;
import dev.tern.broker.core.MessageFilter;
import dev.tern.broker.core.MessageQueue;
import dev.tern.broker.core.MessageRef;
import dev.tern.broker.core.QueueConsumer;

/**
 * The broker's side of one client consumer: takes the messages its filter selects from its queue while
 * it has credit. Credit and the closed flag are guarded by the session's delivery lock.
 */
final class ServerConsumer implements QueueConsumer {

    private final long id;
    private final ServerSession session;
    private final int window;
    private final MessageFilter filter;
    private final boolean exclusive;
    private MessageQueue queue;
    private int credit;
    private boolean closed;

    ServerConsumer(long id, ServerSession session, int window, MessageFilter filter, boolean exclusive) {
        this.id = id;
        this.exclusive = exclusive;
        this.session = session;
        this.window = window;
        this.filter = filter;
        this.credit = window;
    }

    long id() {
        return id;
    }

    MessageQueue queue() {
        return queue;
    }

    void attachedTo(MessageQueue attachedQueue) {
        this.queue = attachedQueue;
    }

    @Override
    public DispatchResult offer(MessageRef ref) {
        if (!filter.matches(ref.message().record())) {
            return DispatchResult.NO_MATCH;
        }
        return session.deliver(this, ref);
    }

    @Override
    public boolean exclusive() {
        return exclusive;
    }

    /** Takes one credit if there is one; call with the delivery lock held. */
    boolean takeCredit() {
        if (closed || credit <= 0) {
            return false;
        }
        credit--;
        return true;
    }

    /** Adds credit, or takes unused credit back when negative; call with the delivery lock held. */
    void addCredit(int more) {
        credit = Math.max(0, credit + more);
    }

    /** Restores the full window after the client dropped its buffer; call with the delivery lock held. */
    void resetCredit() {
        credit = window;
    }

    /** Stops taking messages; call with the delivery lock held. */
    void markClosed() {
        closed = true;
    }
}
