package dev.tern.broker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.MutableClock;
import dev.tern.broker.store.QueueRecord;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import dev.tern.broker.policy.AddressPolicies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dispatcher's ordering and fairness rules, run on the calling thread. */
class MessageQueueTest {

    private final AtomicLong ids = new AtomicLong();
    private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<MessageRef> expired = new ArrayList<>();
    private final ScheduledExecutorService timerThread = Executors.newSingleThreadScheduledExecutor();
    private final BrokerTimer timer = new BrokerTimer(clock, timerThread);
    private final List<MessageRef> dropped = new ArrayList<>();
    private AddressPolicies policies = AddressPolicies.NONE;
    private final MessageQueue queue = new MessageQueue(QueueRecord.plainQueue("q"), false,
            new QueueServices(Runnable::run, timer, expired::addAll, dropped::addAll, () -> policies,
                    PageSource.NONE));

    @AfterEach
    void stopTimer() {
        timerThread.shutdownNow();
    }

    /** A consumer that records what it takes, with a credit limit and an optional filter. */
    private static final class RecordingConsumer implements QueueConsumer {
        final List<MessageRef> taken = new ArrayList<>();
        int credit;
        Predicate<MessageRef> wants = ref -> true;

        RecordingConsumer(int credit) {
            this.credit = credit;
        }

        @Override
        public DispatchResult offer(MessageRef ref) {
            if (!wants.test(ref)) {
                return DispatchResult.NO_MATCH;
            }
            if (credit == 0) {
                return DispatchResult.BUSY;
            }
            credit--;
            taken.add(ref);
            return DispatchResult.HANDLED;
        }

        List<Integer> priorities() {
            return taken.stream().map(ref -> ref.message().priority()).toList();
        }

        List<Long> ids() {
            return taken.stream().map(ref -> ref.message().id()).toList();
        }
    }

    private MessageRef add(int priority) {
        return add(priority, 0, 0);
    }

    private MessageRef add(int priority, long expiration, long deliveryTime) {
        MessageRecord record = new MessageRecord("ID:" + ids.get(), DestinationName.queue("q"), 0, null, null, null,
                false, priority, expiration, deliveryTime, Map.of(), BodyType.NONE, null);
        MessageRef ref = queue.createRef(new ServerMessage(ids.incrementAndGet(), record, 0), 0);
        queue.enqueue(ref);
        return ref;
    }

    @Test
    void higherPriorityFirstAndFifoWithinAPriority() {
        add(4);
        add(9);
        add(0);
        add(9);
        add(4);
        RecordingConsumer consumer = new RecordingConsumer(10);
        queue.addConsumer(consumer);
        assertThat(consumer.priorities()).containsExactly(9, 9, 4, 4, 0);
        assertThat(consumer.ids()).containsExactly(2L, 4L, 1L, 5L, 3L);
    }

    @Test
    void consumersTakeTurns() {
        RecordingConsumer a = new RecordingConsumer(100);
        RecordingConsumer b = new RecordingConsumer(100);
        queue.addConsumer(a);
        queue.addConsumer(b);
        for (int i = 0; i < 10; i++) {
            add(4);
        }
        assertThat(a.ids()).containsExactly(1L, 3L, 5L, 7L, 9L);
        assertThat(b.ids()).containsExactly(2L, 4L, 6L, 8L, 10L);
    }

    @Test
    void consumerWithoutCreditIsSkippedAndMessagesWaitWhenAllAreBusy() {
        RecordingConsumer full = new RecordingConsumer(0);
        RecordingConsumer one = new RecordingConsumer(1);
        queue.addConsumer(full);
        queue.addConsumer(one);
        add(4);
        add(4);
        assertThat(one.ids()).containsExactly(1L);
        assertThat(queue.messageCount()).isEqualTo(1);
        full.credit = 5;
        queue.scheduleDispatch();
        assertThat(full.ids()).containsExactly(2L);
        assertThat(queue.messageCount()).isZero();
    }

    @Test
    void messageNobodyWantsStaysWhileLaterOnesAreDelivered() {
        RecordingConsumer picky = new RecordingConsumer(10);
        picky.wants = ref -> ref.message().priority() > 0;
        queue.addConsumer(picky);
        add(0);
        add(5);
        assertThat(picky.ids()).containsExactly(2L);
        assertThat(queue.messageCount()).isEqualTo(1);
    }

    @Test
    void returnedMessagesGoBackToTheirOriginalPlace() {
        MessageRef first = add(4);
        MessageRef second = add(4);
        add(4);
        RecordingConsumer taker = new RecordingConsumer(2);
        queue.addConsumer(taker);
        queue.removeConsumer(taker);
        assertThat(taker.taken).containsExactly(first, second);

        queue.returnRefs(List.of(second, first));
        RecordingConsumer after = new RecordingConsumer(10);
        queue.addConsumer(after);
        assertThat(after.ids()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void largeBacklogIsHandedOutInBatchesUntilEmpty() {
        for (int i = 0; i < MessageQueue.DISPATCH_BATCH * 3 + 5; i++) {
            add(4);
        }
        RecordingConsumer consumer = new RecordingConsumer(Integer.MAX_VALUE);
        queue.addConsumer(consumer);
        assertThat(consumer.taken).hasSize(MessageQueue.DISPATCH_BATCH * 3 + 5);
    }

    @Test
    void deletedQueueRefusesMessages() {
        add(4);
        assertThat(queue.delete()).hasSize(1);
        assertThat(queue.enqueue(queue.createRef(new ServerMessage(99, recordOf(4), 0), 0))).isFalse();
        assertThat(queue.returnRefs(List.of(queue.createRef(new ServerMessage(100, recordOf(4), 0), 0)))).isFalse();
    }

    @Test
    void delayedMessageWaitsForItsDeliveryTimeThenJoinsInPriorityOrder() {
        RecordingConsumer consumer = new RecordingConsumer(10);
        queue.addConsumer(consumer);
        long now = clock.millis();
        add(9, 0, now + 60_000);
        add(4);
        assertThat(consumer.ids()).containsExactly(2L);
        assertThat(queue.messageCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(59));
        timer.clockMoved();
        queue.scheduleDispatch();
        assertThat(consumer.ids()).containsExactly(2L);

        clock.advance(Duration.ofSeconds(1));
        timer.clockMoved();
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.taken.size() == 2);
        assertThat(consumer.ids()).containsExactly(2L, 1L);
    }

    @Test
    void expiredMessagesAreNeverDeliveredAndGoToTheExpirySink() {
        long now = clock.millis();
        MessageRef expiresSoon = add(4, now + 1_000, 0);
        add(4, now + 10_000, 0);
        add(4);
        clock.advance(Duration.ofSeconds(2));
        RecordingConsumer consumer = new RecordingConsumer(10);
        queue.addConsumer(consumer);
        assertThat(consumer.ids()).containsExactly(2L, 3L);
        assertThat(expired).containsExactly(expiresSoon);
    }

    @Test
    void sweepRemovesExpiredMessagesWithoutConsumers() {
        long now = clock.millis();
        add(4, now + 1_000, 0);
        add(4, now + 1_000, now + 500_000);
        add(4);
        clock.advance(Duration.ofSeconds(1));
        queue.expire();
        assertThat(expired).hasSize(2);
        assertThat(queue.messageCount()).isEqualTo(1);
    }

    @Test
    void browseShowsDeliverableMessagesWithoutTakingThem() {
        long now = clock.millis();
        add(1);
        add(8);
        add(4, 0, now + 1_000);
        add(4, now - 1, 0);
        assertThat(queue.browse()).extracting(ref -> ref.message().id()).containsExactly(2L, 1L);
        assertThat(queue.messageCount()).isEqualTo(4);
    }

    private static MessageRecord recordOf(int priority) {
        return new MessageRecord(null, DestinationName.queue("q"), 0, null, null, null, false, priority, 0, 0,
                Map.of(), BodyType.NONE, null);
    }

    @Test
    void queueIsFullAtItsMessageLimitAndWakesAWaitingSenderWhenAConsumerTakesOne() {
        policies = AddressPolicies.NONE.with("q", "maxMessages", "2").with("q", "fullPolicy", "BLOCK");
        add(4);
        assertThat(queue.isFull()).isFalse();
        add(4);
        List<String> woken = new ArrayList<>();

        assertThat(queue.hasRoomOrWait(() -> woken.add("sender"))).isFalse();
        assertThat(woken).isEmpty();
        queue.addConsumer(new RecordingConsumer(1));

        assertThat(woken).containsExactly("sender");
        assertThat(queue.isFull()).isFalse();
    }

    @Test
    void byteLimitCountsMessageSizesAndReturnedMessagesCountAgain() {
        MessageRef first = add(4);
        long oneMessage = first.message().memorySize();
        policies = AddressPolicies.NONE.with("q", "maxBytes", String.valueOf(2 * oneMessage))
                .with("q", "fullPolicy", "BLOCK");
        assertThat(queue.isFull()).isFalse();
        RecordingConsumer consumer = new RecordingConsumer(1);
        queue.addConsumer(consumer);
        add(4);
        add(4);
        assertThat(queue.isFull()).isTrue();

        queue.removeConsumer(consumer);
        assertThat(queue.returnRefs(consumer.taken)).isTrue();
        assertThat(queue.messageCount()).isEqualTo(3);
        assertThat(queue.isFull()).isTrue();
    }

    @Test
    void raisingTheLimitAtRuntimeWakesWaitingSenders() {
        policies = AddressPolicies.NONE.with("q", "maxMessages", "1").with("q", "fullPolicy", "BLOCK");
        add(4);
        List<String> woken = new ArrayList<>();
        assertThat(queue.hasRoomOrWait(() -> woken.add("sender"))).isFalse();

        policies = policies.with("q", "maxMessages", "10");
        queue.policyChanged();

        assertThat(woken).containsExactly("sender");
    }

    @Test
    void deletingAFullQueueReleasesItsWaitingSenders() {
        policies = AddressPolicies.NONE.with(">", "maxMessages", "1").with(">", "fullPolicy", "FAIL");
        add(4);
        List<String> woken = new ArrayList<>();
        assertThat(queue.hasRoomOrWait(() -> woken.add("sender"))).isFalse();

        queue.delete();

        assertThat(woken).containsExactly("sender");
        assertThat(queue.hasRoomOrWait(() -> woken.add("again"))).isTrue();
    }

    @Test
    void dropOldestDiscardsTheHeadToStayWithinTheLimit() {
        policies = AddressPolicies.NONE.with("q", "maxMessages", "3").with("q", "fullPolicy", "DROP_OLDEST");
        for (int i = 0; i < 5; i++) {
            add(4);
        }

        assertThat(dropped).extracting(ref -> ref.message().id()).containsExactly(1L, 2L);
        assertThat(queue.messageCount()).isEqualTo(3);
        RecordingConsumer consumer = new RecordingConsumer(10);
        queue.addConsumer(consumer);
        assertThat(consumer.ids()).containsExactly(3L, 4L, 5L);
    }

    @Test
    void aReturnedMessageWaitingOutItsRedeliveryDelayDoesNotHoldBackTheOnesBehindIt() {
        RecordingConsumer first = new RecordingConsumer(1);
        queue.addConsumer(first);
        add(4);
        add(4);
        MessageRef failed = first.taken.get(0);
        queue.removeConsumer(first);

        failed.delayRedeliveryUntil(clock.millis() + 5_000);
        queue.returnRefs(List.of(failed));
        RecordingConsumer second = new RecordingConsumer(10);
        queue.addConsumer(second);
        assertThat(second.ids()).containsExactly(2L);
        assertThat(queue.messageCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(5));
        timer.clockMoved();
        await().atMost(Duration.ofSeconds(5)).until(() -> second.taken.size() == 2);
        assertThat(second.ids()).containsExactly(2L, 1L);
    }

    @Test
    void takeWaitingRemovesOnlyThePickedMessagesDelayedOnesIncluded() {
        add(4);
        add(4, 0, clock.millis() + 60_000);
        add(4);

        List<MessageRef> taken = queue.takeWaiting(ref -> ref.message().id() != 3L);

        assertThat(taken).extracting(ref -> ref.message().id()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(queue.messageCount()).isEqualTo(1);
    }
}
