package dev.tern.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The helpers of a per-test broker: URL, factory, counts, browse, purge, waiting, and the clock. */
class TernBrokerExtensionTest {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    @RegisterExtension
    final TernBrokerExtension broker = TernBrokerExtension.create().withClockAt(START);

    @Test
    void theUrlAndFactoryReachTheFreshBroker() {
        assertThat(broker.url()).isEqualTo("vm://" + broker.brokerName()).startsWith("vm://junit-");
        try (JMSContext context = broker.connectionFactory().createContext()) {
            Queue queue = context.createQueue("greetings");
            context.createProducer().send(queue, "hello");
            assertThat(context.createConsumer(queue).receiveBody(String.class, 5_000)).isEqualTo("hello");
        }
        assertThat(broker.broker().isClosed()).isFalse();
    }

    @Test
    void countsBrowsesAndPurgesWaitingMessages() throws Exception {
        try (JMSContext context = broker.connectionFactory().createContext()) {
            Queue queue = context.createQueue("orders");
            for (int i = 1; i <= 3; i++) {
                context.createProducer().send(queue, "order " + i);
            }
        }
        assertThat(broker.messageCount("orders")).isEqualTo(3);
        assertThat(broker.browse("orders")).extracting(m -> ((TextMessage) m).getText())
                .containsExactly("order 1", "order 2", "order 3");
        assertThat(broker.messageCount("orders")).as("browsing consumes nothing").isEqualTo(3);

        assertThat(broker.purge("orders")).isEqualTo(3);

        assertThat(broker.messageCount("orders")).isZero();
        assertThat(broker.browse("orders")).isEmpty();
        assertThat(broker.messageCount("never-used")).isZero();
    }

    @Test
    void awaitQueueEmptyReturnsOnceAListenerHasConsumedEverything() throws Exception {
        int messages = 20;
        CountDownLatch release = new CountDownLatch(1);
        try (JMSContext context = broker.connectionFactory().createContext()) {
            Queue queue = context.createQueue("work");
            for (int i = 0; i < messages; i++) {
                context.createProducer().send(queue, "job " + i);
            }
            JMSContext listening = context.createContext(JMSContext.AUTO_ACKNOWLEDGE);
            listening.createConsumer(queue).setMessageListener(message -> awaitQuietly(release));

            assertThatThrownBy(() -> broker.awaitQueueEmpty("work", Duration.ofMillis(100)))
                    .as("the listener holds its first message, so nothing is acknowledged yet")
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Queue work still holds " + messages + " unacknowledged message(s)");

            release.countDown();
            broker.awaitQueueEmpty("work", Duration.ofSeconds(10));
            assertThat(broker.messageCount("work")).isZero();
            listening.close();
        }
    }

    @Test
    void deliveryDelayPassesWhenTheClockIsAdvanced() {
        try (JMSContext context = broker.connectionFactory().createContext()) {
            Queue queue = context.createQueue("reminders");
            context.createProducer().setDeliveryDelay(Duration.ofHours(1).toMillis()).send(queue, "later");
            JMSConsumer consumer = context.createConsumer(queue);
            assertThat(consumer.receiveNoWait()).isNull();
            assertThat(broker.messageCount("reminders")).as("a delayed message is waiting").isEqualTo(1);
            assertThat(broker.browse("reminders")).as("but not deliverable yet").isEmpty();

            broker.advance(Duration.ofMinutes(59));
            assertThat(consumer.receive(100)).isNull();

            broker.advance(Duration.ofMinutes(1));
            assertThat(consumer.receiveBody(String.class, 5_000)).isEqualTo("later");
        }
    }

    @Test
    void timeToLiveRunsOutWhenTheClockIsAdvanced() throws Exception {
        try (JMSContext context = broker.connectionFactory().createContext()) {
            Queue queue = context.createQueue("quotes");
            context.createProducer().setTimeToLive(Duration.ofMinutes(5).toMillis()).send(queue, "stale soon");
            Message sent = broker.browse("quotes").get(0);
            assertThat(sent.getJMSTimestamp()).as("stamped by the broker's clock").isEqualTo(START.toEpochMilli());

            broker.advance(Duration.ofMinutes(5));

            broker.awaitQueueEmpty("quotes", Duration.ofSeconds(5));
            assertThat(context.createConsumer(queue).receiveNoWait()).isNull();
            assertThat(broker.clock().instant()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        }
    }

    @Test
    void aVmOnlyBrokerSaysHowToGetATcpUrl() {
        assertThatThrownBy(broker::tcpUrl).isInstanceOf(IllegalStateException.class).hasMessageContaining("withTcp()");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
