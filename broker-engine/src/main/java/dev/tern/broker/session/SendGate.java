package dev.tern.broker.session;

import dev.tern.broker.BrokerException;
import dev.tern.broker.core.BrokerTimer;
import dev.tern.broker.core.MessageQueue;
import dev.tern.broker.policy.AddressPolicy;
import dev.tern.broker.policy.FullPolicy;
import dev.tern.broker.policy.PolicySettings;
import dev.tern.protocol.ErrorCode;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>Called with the session's monitor held; the continuation runs on another thread, so it must take
 * whatever locks it needs itself.
 */
final class SendGate {

    private static final CompletableFuture<Void> OPEN = CompletableFuture.completedFuture(null);

    private final BrokerTimer timer;
    /** Completes when the latest held send has gone through the gate, admitted or failed. */
    private CompletableFuture<Void> tail = OPEN;
    /** Sends held and not yet decided, for the close to fail. */
    private final Set<HeldSend> held = ConcurrentHashMap.newKeySet();
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
        MessageQueue blocking = null;
        for (MessageQueue target : targets) {
            // The policy is cached; only BLOCK and FAIL need the queue's lock to ask whether it is full.
            FullPolicy policy = target.policy().get(PolicySettings.FULL_POLICY);
            if ((policy == FullPolicy.FAIL || policy == FullPolicy.BLOCK) && target.isFull()) {
                if (policy == FullPolicy.FAIL) {
                    throw full(target, "the send fails at once (fullPolicy FAIL)");
                }
                if (blocking == null) {
                    blocking = target;
                }
            }
        }
        if (blocking == null && tail.isDone()) {
            return store.get();
        }
        return hold(targets, store, blocking == null ? AddressPolicy.DEFAULTS : blocking.policy());
    }

    /** Fails every send still held, at once, and every later one; the session is closing. */
    void close() {
        closed = true;
        for (HeldSend send : held) {
            send.fail(new BrokerException(ErrorCode.ILLEGAL_STATE, "The session is closed; the message was not sent."));
        }
    }

    private CompletableFuture<Void> hold(List<MessageQueue> targets, Supplier<CompletableFuture<Void>> store,
            AddressPolicy policy) {
        HeldSend send = new HeldSend(targets, store);
        held.add(send);
        send.result.whenComplete((ignored, failure) -> held.remove(send));
        long timeout = policy.get(PolicySettings.BLOCK_TIMEOUT_MILLIS);
        timer.runAt(timer.now() + timeout, () -> send.fail(new BrokerException(ErrorCode.RESOURCE_ALLOCATION,
                "The destination stayed full for " + timeout + " ms (blockTimeoutMillis); the message was not sent.")));
        CompletableFuture<Void> previous = tail;
        tail = send.through;
        previous.whenComplete((ignored, failure) -> send.awaitRoom());
        return send.result;
    }

    /** One send waiting at the gate. It is decided once: admitted, timed out or failed by the close. */
    private final class HeldSend {
        private final List<MessageQueue> targets;
        private final Supplier<CompletableFuture<Void>> store;
        private final CompletableFuture<Void> result = new CompletableFuture<>();
        /** Completes when the sends behind this one may go on. */
        private final CompletableFuture<Void> through = new CompletableFuture<>();
        private final AtomicBoolean decided = new AtomicBoolean();
        private final Runnable retry = this::awaitRoom;
        private volatile boolean turnCame;
        private volatile MessageQueue waitingOn;

        HeldSend(List<MessageQueue> targets, Supplier<CompletableFuture<Void>> store) {
            this.targets = targets;
            this.store = store;
        }

        /** Called when this send's turn comes and again whenever a full target may have made room. */
        void awaitRoom() {
            turnCame = true;
            waitingOn = null;
            if (closed) {
                fail(new BrokerException(ErrorCode.ILLEGAL_STATE, "The session is closed; the message was not sent."));
            }
            if (decided.get()) {
                through.complete(null);
                return;
            }
            for (MessageQueue target : targets) {
                if (target.policy().get(PolicySettings.FULL_POLICY) == FullPolicy.BLOCK
                        && !target.hasRoomOrWait(retry)) {
                    waitingOn = target;
                    return;
                }
            }
            if (decided.compareAndSet(false, true)) {
                forward();
            }
            through.complete(null);
        }

        /** Fails the send unless it was decided already; the sends behind it go on if its turn had come. */
        void fail(BrokerException failure) {
            if (decided.compareAndSet(false, true)) {
                result.completeExceptionally(failure);
            }
            MessageQueue queue = waitingOn;
            if (queue != null) {
                queue.stopWaiting(retry);
            }
            if (turnCame) {
                through.complete(null);
            }
        }

        private void forward() {
            try {
                store.get().whenComplete((done, failure) -> {
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
    }

    private static BrokerException full(MessageQueue queue, String consequence) {
        return new BrokerException(ErrorCode.RESOURCE_ALLOCATION, "Destination " + queue.definition().address()
                + " is full (" + queue.name() + " holds as much as its maxMessages/maxBytes policy allows); "
                + consequence + ".");
    }
}
