package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;

/**
 * Sends held back by a full queue ({@code fullPolicy=BLOCK}) in numbers: a long backlog of held sends is
 * admitted as soon as room is made, and an admitted send leaves nothing of itself on the broker's heap.
 *
 * <p>Both failed before {@code SendGate} drained its held sends in a loop and cancelled their timeouts: the
 * first with a StackOverflowError and a send never answered, the second with over 100 MB left on the heap.
 */
@Timeout(120)
class HeldSendsTest {

    private static final String QUEUE = "held";

    /** A backlog of 2,000 held sends released at once: every one is answered, none fails. */
    @TransportTest
    void aBacklogOfHeldSendsIsAdmittedAsSoonAsRoomIsMade(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport, "jms.sendWindow=5000");
                Connection connection = broker.connection()) {
            block(broker, 2_000);
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            Completions completions = new Completions();
            for (int i = 0; i < 4_000; i++) {
                producer.send(session.createTextMessage("m" + i), completions);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> completions.done.get() == 2_000);
            assertThat(broker.messageCount(QUEUE)).isEqualTo(2_000);

            broker.broker().purgeQueue(QUEUE);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(completions.failure.get()).isNull();
                assertThat(completions.done.get()).as("sends answered").isEqualTo(4_000);
            });
            assertThat(broker.messageCount(QUEUE)).isEqualTo(2_000);
        }
    }

    /**
     * 25,000 sends of 4 KiB, each held at a queue of one message until a consumer takes the one before:
     * once all are consumed the heap is back where it was, although the block timeout (10 min) of every
     * one of them has yet to come.
     */
    @TransportTest
    void anAdmittedSendLeavesNothingBehindUntilItsBlockTimeout(Transport transport) throws Exception {
        int count = 25_000;
        try (TestBroker broker = new TestBroker(transport, "jms.sendWindow=" + count);
                Connection connection = broker.startedConnection()) {
            block(broker, 1);
            broker.broker().setPolicy(QUEUE, "blockTimeoutMillis", "600000");
            long before = liveHeap();
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            Completions completions = new Completions();
            for (int i = 0; i < count; i++) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(new byte[4_096]);
                producer.send(message, completions);
            }
            MessageConsumer consumer = connection.createSession(Session.AUTO_ACKNOWLEDGE)
                    .createConsumer(session.createQueue(QUEUE));
            for (int i = 0; i < count; i++) {
                assertThat(consumer.receive(10_000)).as("message %d", i).isNotNull();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> completions.done.get() == count);
            assertThat(completions.failure.get()).isNull();

            long retained = liveHeap() - before;
            assertThat(retained).as("bytes of heap still held, of %d sent", count * 4_096L).isLessThan(32L << 20);
        }
    }

    private static void block(TestBroker broker, int maxMessages) {
        broker.broker().setPolicy(QUEUE, "maxMessages", String.valueOf(maxMessages));
        broker.broker().setPolicy(QUEUE, "fullPolicy", "BLOCK");
    }

    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Counts answered sends and keeps the first failure. */
    private static final class Completions implements CompletionListener {

        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Exception> failure = new AtomicReference<>();

        @Override
        public void onCompletion(Message message) {
            done.incrementAndGet();
        }

        @Override
        public void onException(Message message, Exception exception) {
            failure.compareAndSet(null, exception);
        }
    }
}
