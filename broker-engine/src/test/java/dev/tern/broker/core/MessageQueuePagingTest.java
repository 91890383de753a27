package dev.tern.broker.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.MutableClock;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.store.QueueRecord;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A durable queue keeps only its limits' worth of journaled messages in memory and reads the rest back in order. */
class MessageQueuePagingTest {

    /** The journal, as far as paging sees it: what was stored, and what was read back or discarded. */
    private static final class FakeJournal implements PageSource {
        final Map<Long, ServerMessage> stored = new HashMap<>();
        final List<long[]> reads = new ArrayList<>();
        final List<Long> discarded = new ArrayList<>();

        @Override
        public boolean pagesToDisk() {
            return true;
        }

        @Override
        public List<MessageRef> read(MessageQueue queue, long[] messageIds) {
            reads.add(messageIds);
            List<MessageRef> refs = new ArrayList<>();
            for (long id : messageIds) {
                ServerMessage original = stored.get(id);
                if (original != null) {
                    ServerMessage copy = new ServerMessage(id, original.record(), 0);
                    copy.markStored();
                    refs.add(queue.pagedInRef(copy, 0));
                }
            }
            return refs;
        }

        @Override
        public void discard(MessageQueue queue, long[] messageIds) {
            for (long id : messageIds) {
                discarded.add(id);
                stored.remove(id);
            }
        }
    }

    private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    private final ScheduledExecutorService timerThread = Executors.newSingleThreadScheduledExecutor();
    private final FakeJournal journal = new FakeJournal();
    private final AddressPolicies policies = AddressPolicies.NONE.with("q", "maxMessages", "10");
    private final MessageQueue queue = new MessageQueue(QueueRecord.plainQueue("q"), true,
            new QueueServices(Runnable::run, new BrokerTimer(clock, timerThread), refs -> { }, refs -> { },
                    () -> policies, journal));
    private long nextId;

    @AfterEach
    void stopTimer() {
        timerThread.shutdownNow();
    }

    /** Takes what it is offered, up to its credit. */
    private static final class Taker implements QueueConsumer {
        final List<MessageRef> taken = new ArrayList<>();
        int credit;

        @Override
        public DispatchResult offer(MessageRef ref) {
            if (credit == 0) {
                return DispatchResult.BUSY;
            }
            credit--;
            taken.add(ref);
            return DispatchResult.HANDLED;
        }

        List<Long> ids() {
            return taken.stream().map(ref -> ref.message().id()).toList();
        }
    }

    private void send(int count, boolean persistent) {
        for (int i = 0; i < count; i++) {
            MessageRecord record = new MessageRecord("ID:" + nextId, DestinationName.queue("q"), 0, null, null, null,
                    persistent, 4, 0, 0, Map.of(), BodyType.NONE, null);
            ServerMessage message = new ServerMessage(++nextId, record, 0);
            if (persistent) {
                message.markStored();
                journal.stored.put(message.id(), message);
            }
            queue.enqueue(queue.createRef(message, 0));
        }
    }

    @Test
    void messagesBeyondTheLimitStayOnDiskAndComeBackInOrder() {
        send(25, true);

        assertThat(queue.messageCount()).isEqualTo(25);
        assertThat(queue.browse()).hasSize(25);
        Taker consumer = new Taker();
        consumer.credit = 25;
        queue.addConsumer(consumer);

        assertThat(consumer.ids()).containsExactlyElementsOf(range(1, 25));
        assertThat(journal.reads).allSatisfy(batch -> assertThat(batch.length).isLessThanOrEqualTo(15));
        assertThat(queue.messageCount()).isZero();
    }

    @Test
    void pagedMessagesAreReadBackOnlyWhenConsumersHaveTakenMemoryBelowHalf() {
        send(30, true);
        Taker consumer = new Taker();
        consumer.credit = 5;
        queue.addConsumer(consumer);
        assertThat(journal.reads).as("5 of 10 left in memory: not yet").isEmpty();

        consumer.credit = 1;
        queue.scheduleDispatch();
        assertThat(journal.reads).as("4 of 10 left: read the next batch").hasSize(1);
        consumer.credit = 30;
        queue.scheduleDispatch();

        assertThat(consumer.ids()).containsExactlyElementsOf(range(1, 30));
    }

    @Test
    void onceAQueuePagesLaterMessagesQueueBehindThePagedOnesButNonPersistentOnesStayInMemory() {
        send(12, true);
        send(1, false);
        send(1, true);
        Taker consumer = new Taker();
        consumer.credit = 14;
        queue.addConsumer(consumer);

        assertThat(consumer.ids()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 13L, 11L, 12L, 14L);
    }

    @Test
    void restoredMessagesStartOnDisk() {
        send(3, true);
        List<Long> ids = List.copyOf(journal.stored.keySet());
        MessageQueue restarted = new MessageQueue(QueueRecord.plainQueue("q"), true,
                new QueueServices(Runnable::run, new BrokerTimer(clock, timerThread), refs -> { }, refs -> { },
                        () -> policies, journal));

        restarted.restorePaged(ids.stream().mapToLong(Long::longValue).sorted().toArray());
        assertThat(restarted.messageCount()).isEqualTo(3);
        Taker consumer = new Taker();
        consumer.credit = 10;
        restarted.addConsumer(consumer);

        assertThat(consumer.ids()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void purgingDiscardsPagedMessagesWithoutReadingThem() {
        send(15, true);
        journal.reads.clear();

        MessageQueue.Purged purged = queue.purge();
        assertThat(purged.inMemory()).hasSize(10);
        assertThat(purged.paged()).isEqualTo(5);
        assertThat(purged.count()).isEqualTo(15);

        assertThat(journal.discarded).containsExactlyElementsOf(range(11, 15));
        assertThat(journal.reads).isEmpty();
        assertThat(queue.messageCount()).isZero();
        assertThat(queue.statistics().dequeuedCount()).as("the paged ones; the caller discards the rest").isEqualTo(5);
    }

    private static List<Long> range(long from, long to) {
        List<Long> ids = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            ids.add(id);
        }
        return ids;
    }
}
