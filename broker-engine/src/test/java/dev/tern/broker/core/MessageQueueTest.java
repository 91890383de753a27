package dev.tern.broker.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.store.QueueRecord;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The dispatcher's ordering and fairness rules, run on the calling thread. */
class MessageQueueTest {

    private final AtomicLong ids = new AtomicLong();
    private final MessageQueue queue = new MessageQueue(QueueRecord.plainQueue("q"), false, Runnable::run);

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
        MessageRecord record = new MessageRecord("ID:" + ids.get(), DestinationName.queue("q"), 0, null, null, null,
                false, priority, 0, 0, Map.of(), BodyType.NONE, null);
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

    private static MessageRecord recordOf(int priority) {
        return new MessageRecord(null, DestinationName.queue("q"), 0, null, null, null, false, priority, 0, 0,
                Map.of(), BodyType.NONE, null);
    }
}
