package dev.tern.broker.session;

import dev.tern.broker.BrokerException;
import dev.tern.broker.core.BrokerTimer;
import dev.tern.broker.core.MessageQueue;
import dev.tern.broker.policy.AddressPolicy;
import dev.tern.broker.policy.FullPolicy;
import dev.tern.broker.policy.PolicySettings;
import dev.tern.protocol.ErrorCode;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Producer flow control for one session: holds a send back while a queue it goes to is full, as that
 * queue's {@linkplain PolicySettings#FULL_POLICY policy} says.
 *
 * <p>A {@link FullPolicy#BLOCK blocked} send waits, without holding any thread, until every full
 * target has room; it then goes on on the dispatch thread that made the room. If that takes longer than
 * the {@linkplain PolicySettings#BLOCK_TIMEOUT_MILLIS block timeout}, read on the broker's clock, it
 * fails with RESOURCE_ALLOCATION and nothing is stored. Sends of one session stay in order: a send
 * arriving while an earlier one waits queues behind it, even if its own queue has room.
 *
 * <p>Held sends wait in a FIFO that one thread at a time drains, in a loop, so that a backlog of any
 * length is admitted without recursion when room appears; a decided send cancels its timeout and lets go
 * of its message at once.
 *
 * <p>Called with the session's monitor held; the drain may run on another thread, so what it calls must
 * take whatever locks it needs itself.
 */
final class SendGate {

    private final BrokerTimer timer;
    /** Held sends in arrival order; the head is removed only once it is decided. */
    private final Queue<HeldSend> waiting = new ConcurrentLinkedQueue<>();
    /** Drain requests not yet served; the thread that raises it from zero drains until it is back to zero. */
    private final AtomicInteger drainRequests = new AtomicInteger();
    private final Runnable drain = this::drain;
    /** The queue the head waits on for room, with {@link #drain} registered; touched by the draining thread only. */
    private MessageQueue waitingOn;
    private volatile boolean closed;

    SendGate(BrokerTimer timer) {
        this.timer = timer;
    }

    /**
     * Runs {@code store} once the targets have room, and returns what it returns.
     *
     * @throws BrokerException RESOURCE_ALLOCATION at once if a full target's policy is FAIL
     */
    CompletableFuture<Void> pass(List<MessageQueue> targets, Supplier<CompletableFuture<Void>> store) {
        boolean blocked = false;
        for (MessageQueue target : targets) {
            // The policy is cached; only BLOCK and FAIL need the queue's lock to ask whether it is full.
            FullPolicy policy = target.policy().get(PolicySettings.FULL_POLICY);
            if ((policy == FullPolicy.FAIL || policy == FullPolicy.BLOCK) && target.isFull()) {
                if (policy == FullPolicy.FAIL) {
                    throw full(target, "the send fails at once (fullPolicy FAIL)");
                }
                blocked = true;
            }
        }
        if (!blocked && waiting.isEmpty()) {
            return store.get();
        }
        HeldSend send = new HeldSend(targets, store);
        send.failAfter(blockTimeout(targets));
        waiting.add(send);
        drain();
        return send.result;
    }

    /** Fails every send still held, at once, and every later one; the session is closing. */
    void close() {
        closed = true;
        drain();
    }

    /** The shortest block timeout among the targets whose policy is BLOCK. */
    private static long blockTimeout(List<MessageQueue> targets) {
        long timeout = Long.MAX_VALUE;
        for (MessageQueue target : targets) {
            if (target.policy().get(PolicySettings.FULL_POLICY) == FullPolicy.BLOCK) {
                timeout = Math.min(timeout, target.policy().get(PolicySettings.BLOCK_TIMEOUT_MILLIS));
            }
        }
        return timeout == Long.MAX_VALUE ? AddressPolicy.DEFAULTS.get(PolicySettings.BLOCK_TIMEOUT_MILLIS) : timeout;
    }

    private void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        int requests = 1;
        do {
            admitWhatHasRoom();
            requests = drainRequests.addAndGet(-requests);
        } while (requests != 0);
    }

    /** Admits held sends from the head on until one must still wait, which then waits for room. */
    private void admitWhatHasRoom() {
        if (waitingOn != null) {
            waitingOn.stopWaiting(drain);
            waitingOn = null;
        }
        HeldSend head;
        while ((head = waiting.peek()) != null) {
            if (closed) {
                head.fail(new BrokerException(ErrorCode.ILLEGAL_STATE, "The session is closed; the message was not sent."));
            } else if (!head.isDecided()) {
                MessageQueue full = firstFull(head.targets);
                if (full != null) {
                    waitingOn = full;
                    return;
                }
                head.admit();
            }
            waiting.remove();
        }
    }

    /** The first BLOCK target without room, after registering {@link #drain} to run when it has some. */
    private MessageQueue firstFull(List<MessageQueue> targets) {
        for (MessageQueue target : targets) {
            if (target.policy().get(PolicySettings.FULL_POLICY) == FullPolicy.BLOCK && !target.hasRoomOrWait(drain)) {
                return target;
            }
        }
        return null;
    }

    /** One send waiting at the gate. It is decided once: admitted, timed out or failed by the close. */
    private final class HeldSend {
        private final List<MessageQueue> targets;
        private final CompletableFuture<Void> result = new CompletableFuture<>();
        private final AtomicBoolean decided = new AtomicBoolean();
        /** Stores the message; dropped once the send is decided, so that a failed send keeps nothing. */
        private volatile Supplier<CompletableFuture<Void>> store;
        /** Null until scheduled; the timer may fire before the assignment when the block timeout is 0. */
        private volatile BrokerTimer.Scheduled timeout;

        HeldSend(List<MessageQueue> targets, Supplier<CompletableFuture<Void>> store) {
            this.targets = targets;
            this.store = store;
        }

        /** Fails the send if it is still held after {@code millis} on the broker's clock. */
        void failAfter(long millis) {
            timeout = timer.runAt(timer.now() + millis, () -> {
                fail(new BrokerException(ErrorCode.RESOURCE_ALLOCATION, "The destination stayed full for "
                        + millis + " ms (blockTimeoutMillis); the message was not sent."));
                drain();
            });
            if (decided.get()) {
                timeout.cancel();
            }
        }

        boolean isDecided() {
            return decided.get();
        }

        void admit() {
            Supplier<CompletableFuture<Void>> admitted = store;
            if (!decide()) {
                return;
            }
            try {
                admitted.get().whenComplete((done, failure) -> {
                    if (failure == null) {
                        result.complete(null);
                    } else {
                        result.completeExceptionally(failure);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        void fail(BrokerException failure) {
            if (decide()) {
                result.completeExceptionally(failure);
            }
        }

        private boolean decide() {
            if (!decided.compareAndSet(false, true)) {
                return false;
            }
            BrokerTimer.Scheduled scheduled = timeout;
            if (scheduled != null) {
                scheduled.cancel();
            }
            store = null;
            return true;
        }
    }

    private static BrokerException full(MessageQueue queue, String consequence) {
        return new BrokerException(ErrorCode.RESOURCE_ALLOCATION, "Destination " + queue.definition().address()
                + " is full (" + queue.name() + " holds as much as its maxMessages/maxBytes policy allows); "
                + consequence + ".");
    }
}
