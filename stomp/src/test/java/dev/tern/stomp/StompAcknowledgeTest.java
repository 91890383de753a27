package dev.tern.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Ack modes, NACK to the dead-letter queue, transactions, durable subscriptions and credit. */
@Timeout(60)
class StompAcknowledgeTest {

    private StompBroker broker;

    @BeforeEach
    void start(@TempDir Path dir) {
        broker = new StompBroker(dir);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private void sendTexts(StompClient client, String destination, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            client.frame("SEND", null, "destination", destination, "n", Integer.toString(i));
        }
        client.withReceipt("SEND", null, "destination", "/queue/unrelated");
    }

    private static void awaitCount(Duration wait, java.util.function.IntSupplier count, int expected) {
        await().atMost(wait).untilAsserted(() -> assertThat(count.getAsInt()).isEqualTo(expected));
    }

    @Test
    void clientAckAcknowledgesThatMessageAndEveryEarlierOneOfTheSubscription() throws Exception {
        try (StompClient client = broker.client()) {
            client.subscribe("s", "/queue/cumulative", "ack", "client");
            sendTexts(client, "/queue/cumulative", 5);
            List<StompClient.Frame> frames = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                frames.add(client.receive());
            }
            assertThat(frames.get(0).header("ack")).isNotBlank();

            client.withReceipt("ACK", null, "id", frames.get(2).header("ack"));
            awaitCount(Duration.ofSeconds(10), () -> broker.held("cumulative"), 2);

            // the earlier ones are gone: acknowledging one of them again is an error
            client.frame("ACK", null, "id", frames.get(1).header("ack"));
            assertThat(client.receive().command()).isEqualTo("ERROR");
            client.awaitClosed();
        }
        // the two unacknowledged ones went back when the connection closed
        awaitCount(Duration.ofSeconds(10), () -> broker.held("cumulative"), 2);
        assertThat(broker.held("cumulative")).isEqualTo(2);
    }

    @Test
    void clientIndividualAckAcknowledgesOnlyThatMessage() throws Exception {
        try (StompClient client = broker.client()) {
            client.subscribe("s", "/queue/single", "ack", "client-individual");
            sendTexts(client, "/queue/single", 3);
            StompClient.Frame first = client.receive();
            StompClient.Frame second = client.receive();
            StompClient.Frame third = client.receive();

            client.withReceipt("ACK", null, "id", second.header("ack"));
            awaitCount(Duration.ofSeconds(10), () -> broker.held("single"), 2);
            client.withReceipt("ACK", null, "id", first.header("ack"));
            client.withReceipt("ACK", null, "id", third.header("ack"));
            awaitCount(Duration.ofSeconds(10), () -> broker.held("single"), 0);
        }
    }

    @Test
    void stomp11AckByMessageIdAndSubscription() throws Exception {
        try (StompClient client = StompClient.open(broker.port())) {
            client.frame("CONNECT", null, "accept-version", "1.1", "login", "alice", "passcode", "secret");
            assertThat(client.receive().header("version")).isEqualTo("1.1");
            client.subscribe("s", "/queue/eleven", "ack", "client");
            sendTexts(client, "/queue/eleven", 1);
            StompClient.Frame frame = client.receive();

            client.withReceipt("ACK", null, "message-id", frame.header("message-id"), "subscription", "s");
            awaitCount(Duration.ofSeconds(10), () -> broker.held("eleven"), 0);
        }
    }

    @Test
    void unsubscribeReturnsUnacknowledgedMessagesAsRedelivered() throws Exception {
        try (StompClient client = broker.client()) {
            client.subscribe("s", "/queue/back", "ack", "client");
            sendTexts(client, "/queue/back", 1);
            client.receive();
            client.withReceipt("UNSUBSCRIBE", null, "id", "s");
            assertThat(broker.consumers("back")).isZero();

            client.subscribe("t", "/queue/back", "ack", "client");
            StompClient.Frame again = client.receive();
            assertThat(again.header("redelivered")).isEqualTo("true");
            assertThat(again.header("subscription")).isEqualTo("t");
        }
    }

    @Test
    void nackedMessagesAreRedeliveredThenGoToTheDeadLetterQueueAtTheDeliveryLimit() throws Exception {
        try (StompClient client = broker.client()) {
            client.subscribe("s", "/queue/work", "ack", "client-individual");
            client.withReceipt("SEND", null, "destination", "/queue/work", "n", "poison");

            StompClient.Frame first = client.receive();
            assertThat(first.header("redelivered")).isNull();
            client.withReceipt("NACK", null, "id", first.header("ack"));
            StompClient.Frame second = client.receive();
            assertThat(second.header("redelivered")).isEqualTo("true");
            assertThat(second.header("message-id")).isEqualTo(first.header("message-id"));
            client.withReceipt("NACK", null, "id", second.header("ack"));

            awaitCount(Duration.ofSeconds(10), () -> broker.messages("DLQ"), 1);
            assertThat(client.receiveWithin(Duration.ofMillis(300))).isNull();
            assertThat(broker.messages("work")).isZero();
        }
    }

    @Test
    void ackOrNackOfAnUnknownIdIsAnError() throws Exception {
        try (StompClient client = broker.client()) {
            client.frame("NACK", null, "id", "12345", "receipt", "x");
            StompClient.Frame error = client.receive();
            assertThat(error.command()).isEqualTo("ERROR");
            assertThat(error.header("message")).contains("12345");
            assertThat(error.header("receipt-id")).isEqualTo("x");
            client.awaitClosed();
        }
    }

    @Test
    void transactionalSendsArriveOnlyAtCommit() throws Exception {
        try (StompClient client = broker.client()) {
            client.withReceipt("BEGIN", null, "transaction", "tx1");
            client.withReceipt("SEND", null, "destination", "/queue/tx", "transaction", "tx1", "n", "1");
            client.withReceipt("SEND", null, "destination", "/queue/tx", "transaction", "tx1", "n", "2");
            assertThat(broker.messages("tx")).isZero();

            client.withReceipt("COMMIT", null, "transaction", "tx1");
            awaitCount(Duration.ofSeconds(10), () -> broker.messages("tx"), 2);
        }
    }

    @Test
    void abortedSendsAreDropped() throws Exception {
        try (StompClient client = broker.client()) {
            client.withReceipt("BEGIN", null, "transaction", "tx1");
            client.withReceipt("SEND", null, "destination", "/queue/tx", "transaction", "tx1");
            client.withReceipt("ABORT", null, "transaction", "tx1");
            client.withReceipt("SEND", null, "destination", "/queue/tx", "n", "outside");
            awaitCount(Duration.ofSeconds(10), () -> broker.messages("tx"), 1);
            // the transaction is over
            client.frame("COMMIT", null, "transaction", "tx1");
            assertThat(client.receive().command()).isEqualTo("ERROR");
        }
    }

    @Test
    void transactionalAcksApplyAtCommitAndReturnTheMessagesAtAbort() throws Exception {
        try (StompClient client = broker.client()) {
            client.subscribe("s", "/queue/txack", "ack", "client-individual");
            sendTexts(client, "/queue/txack", 2);
            StompClient.Frame first = client.receive();
            StompClient.Frame second = client.receive();

            client.withReceipt("BEGIN", null, "transaction", "a");
            client.withReceipt("ACK", null, "id", first.header("ack"), "transaction", "a");
            assertThat(broker.held("txack")).isEqualTo(2);
            client.withReceipt("COMMIT", null, "transaction", "a");
            awaitCount(Duration.ofSeconds(10), () -> broker.held("txack"), 1);

            client.withReceipt("BEGIN", null, "transaction", "b");
            client.withReceipt("ACK", null, "id", second.header("ack"), "transaction", "b");
            client.withReceipt("ABORT", null, "transaction", "b");
            StompClient.Frame redelivered = client.receive();
            assertThat(redelivered.header("message-id")).isEqualTo(second.header("message-id"));
            assertThat(redelivered.header("redelivered")).isEqualTo("true");
            client.withReceipt("ACK", null, "id", redelivered.header("ack"));
            awaitCount(Duration.ofSeconds(10), () -> broker.held("txack"), 0);
        }
    }

    @Test
    void aDurableSubscriptionKeepsMessagesWhileItsClientIsAwayAndUnsubscribeDeletesIt() throws Exception {
        try (StompClient client = StompClient.connected(broker.port(), "alice", "secret", "client-id", "app")) {
            client.subscribe("d", "/topic/events", "activemq.subscriptionName", "audit");
            client.withReceipt("DISCONNECT", null);
        }
        try (StompClient publisher = broker.client()) {
            publisher.withReceipt("SEND", null, "destination", "/topic/events", "n", "while-away");
        }
        try (StompClient client = StompClient.connected(broker.port(), "alice", "secret", "client-id", "app")) {
            client.subscribe("d", "/topic/events", "durable-subscription-name", "audit");
            StompClient.Frame kept = client.receive();
            assertThat(kept.header("n")).isEqualTo("while-away");
            assertThat(kept.header("destination")).isEqualTo("/topic/events");
            client.withReceipt("UNSUBSCRIBE", null, "id", "d", "durable-subscription-name", "audit");
        }
        try (StompClient publisher = broker.client()) {
            publisher.withReceipt("SEND", null, "destination", "/topic/events", "n", "after");
        }
        try (StompClient client = StompClient.connected(broker.port(), "alice", "secret", "client-id", "app")) {
            client.subscribe("d", "/topic/events", "durable-subscriber-name", "audit");
            assertThat(client.receiveWithin(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void aDurableSubscriptionWithoutClientIdIsRefused() throws Exception {
        try (StompClient client = broker.client()) {
            client.frame("SUBSCRIBE", null, "id", "d", "destination", "/topic/events",
                    "activemq.subscriptionName", "audit");
            StompClient.Frame error = client.receive();
            assertThat(error.command()).isEqualTo("ERROR");
            client.awaitClosed();
        }
    }

    @Test
    void aClientAckSubscriptionGetsNoMoreThanItsPrefetchUntilItAcks() throws Exception {
        try (StompClient client = broker.client()) {
            client.subscribe("s", "/queue/window", "ack", "client", "activemq.prefetchSize", "3");
            sendTexts(client, "/queue/window", 10);
            List<StompClient.Frame> frames = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                frames.add(client.receive());
            }
            assertThat(client.receiveWithin(Duration.ofMillis(300))).isNull();

            client.frame("ACK", null, "id", frames.get(2).header("ack"));
            for (int i = 0; i < 3; i++) {
                frames.add(client.receive());
            }
            assertThat(client.receiveWithin(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void anAutoAckSubscriberThatStopsReadingLeavesMessagesOnTheQueueBeyondItsWindow() throws Exception {
        byte[] big = new byte[256 * 1024];
        int count = 60;
        try (StompClient sender = broker.client(); StompClient slow = broker.client()) {
            slow.subscribe("s", "/queue/firehose", "activemq.prefetchSize", "5");
            slow.pauseReading();
            for (int i = 0; i < count; i++) {
                sender.frame("SEND", big, "destination", "/queue/firehose");
            }
            sender.withReceipt("SEND", null, "destination", "/queue/unrelated");

            // written to the socket or waiting in it: at most the window is with the subscriber unwritten
            long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < end) {
                assertThat(broker.held("firehose") - broker.messages("firehose")).isLessThanOrEqualTo(5);
            }
            assertThat(broker.messages("firehose")).as("messages the socket could not take stay queued").isPositive();

            slow.resumeReading();
            for (int i = 0; i < count; i++) {
                assertThat(slow.receive().body()).hasSize(big.length);
            }
        }
        awaitCount(Duration.ofSeconds(10), () -> broker.held("firehose"), 0);
    }

    @Test
    void jmsConsumerAndStompConsumerShareAQueue() throws Exception {
        Connection jms = broker.jms();
        try (StompClient client = broker.client()) {
            Session session = jms.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("shared"));
            client.subscribe("s", "/queue/shared", "ack", "client");
            sendTexts(client, "/queue/shared", 10);
            int stomp = 0;
            int native0 = 0;
            while (stomp + native0 < 10) {
                if (client.receiveWithin(Duration.ofMillis(50)) != null) {
                    stomp++;
                }
                Message message = consumer.receive(50);
                if (message != null) {
                    assertThat(message).isInstanceOf(TextMessage.class);
                    native0++;
                }
            }
            assertThat(stomp + native0).isEqualTo(10);
        } finally {
            jms.close();
        }
    }

    @Test
    void messagesHeldUnacknowledgedAtDisconnectOrSocketLossAreRedeliveredWithTheFlag() throws Exception {
        try (StompClient client = broker.client()) {
            client.subscribe("s", "/queue/work", "ack", "client");
            sendTexts(client, "/queue/work", 2);
            client.receive();
            client.receive();
            client.withReceipt("DISCONNECT", null);
        }
        StompClient dropped = broker.client();
        dropped.subscribe("s", "/queue/work", "ack", "client");
        StompClient.Frame again = dropped.receive();
        assertThat(again.header("redelivered")).isEqualTo("true");
        dropped.receive();
        dropped.close();

        try (StompClient client = broker.client()) {
            client.subscribe("s", "/queue/work", "ack", "client-individual");
            // the second delivery counted too: work's maxDeliveryAttempts is 2, so both went to the DLQ
            assertThat(client.receiveWithin(Duration.ofMillis(500))).isNull();
        }
        awaitCount(Duration.ofSeconds(10), () -> broker.messages("DLQ"), 2);
    }

    @Test
    void aMessageTakenBackByTheVisibilityTimeoutGoesToAnotherSubscriberAndALateAckIsIgnored() throws Exception {
        try (StompClient slow = broker.client(); StompClient other = broker.client()) {
            slow.subscribe("s", "/queue/slow", "ack", "client-individual");
            slow.withReceipt("SEND", null, "destination", "/queue/slow", "n", "1");
            StompClient.Frame first = slow.receive();
            other.subscribe("o", "/queue/slow", "ack", "client-individual");

            StompClient.Frame taken = other.receive();
            assertThat(taken.header("message-id")).isEqualTo(first.header("message-id"));
            slow.withReceipt("ACK", null, "id", first.header("ack"));
            assertThat(slow.isClosedByBroker()).isFalse();
            other.withReceipt("ACK", null, "id", taken.header("ack"));
            awaitCount(Duration.ofSeconds(10), () -> broker.held("slow"), 0);
        }
    }
}
