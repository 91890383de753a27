package dev.tern.broker.core;

import dev.tern.broker.policy.AddressPolicy;
import dev.tern.broker.policy.PolicySettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What happens to a message the application was given and did not acknowledge (rollback, recover, a
 * closed session, a visibility timeout): it counts one more delivery, then either waits its
 * {@linkplain RedeliveryDelay redelivery delay} or, out of delivery attempts, goes to the dead-letter
 * queue. Also watches deliveries for their queue's visibility timeout.
 */
public final class Redelivery {

    private final BrokerTimer timer;
    private final Journal journal;
    private final DeadLetterRouter deadLetters;

    public Redelivery(BrokerTimer timer, Journal journal, DeadLetterRouter deadLetters) {
        this.timer = timer;
        this.journal = journal;
        this.deadLetters = deadLetters;
    }

    /**
     * Counts a failed delivery of a reference that is on its way back to its queue.
     *
     * @param how what happened, for the dead-letter reason: "rolled back", "timed out"
     * @return true if the caller returns it to its queue (where it waits out its redelivery delay); false
     *         if it went to the dead-letter queue instead
     */
    public boolean deliveryFailed(MessageRef ref, String how) {
        int deliveries = ref.countDelivery();
        AddressPolicy policy = ref.queue().policy();
        int maxAttempts = policy.get(PolicySettings.MAX_DELIVERY_ATTEMPTS);
        if (maxAttempts != -1 && deliveries >= maxAttempts && !deadLetters.isDeadLetterQueue(ref.queue())) {
            deadLetters.deadLetter(ref, "delivered " + deliveries + " times without acknowledgement, last "
                    + how + " (maxDeliveryAttempts " + maxAttempts + ")");
            return false;
        }
        journal.recordDeliveryCount(ref);
        long delay = RedeliveryDelay.millis(policy, deliveries);
        if (delay > 0) {
            ref.delayRedeliveryUntil(saturatedAdd(timer.now(), delay));
        }
        return true;
    }

    /**
     * Puts references handed out and not acknowledged back on their queues, each at its original place; those
     * the application had received ({@code consumed}) count a failed delivery first, and may go to the
     * dead-letter queue instead. References whose queue is gone leave the journal.
     *
     * @param how what happened, for the dead-letter reason
     */
    public void returnToQueues(List<MessageRef> refs, Predicate<MessageRef> consumed, String how) {
        Map<MessageQueue, List<MessageRef>> byQueue = new LinkedHashMap<>();
        for (MessageRef ref : refs) {
            if (consumed.test(ref) && !deliveryFailed(ref, how)) {
                continue;
            }
            byQueue.computeIfAbsent(ref.queue(), q -> new ArrayList<>()).add(ref);
        }
        byQueue.forEach((queue, returned) -> {
            if (!queue.returnRefs(returned)) {
                journal.discard(returned);
            }
        });
    }

    /**
     * Runs {@code onTimeout} when the visibility timeout of the reference's queue runs out, if it has one;
     * the task must check that the delivery is still unacknowledged.
     */
    public void watchVisibility(MessageRef ref, Runnable onTimeout) {
        long timeout = ref.queue().policy().get(PolicySettings.VISIBILITY_TIMEOUT_MILLIS);
        if (timeout > 0) {
            timer.runAt(saturatedAdd(timer.now(), timeout), onTimeout);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }
}
