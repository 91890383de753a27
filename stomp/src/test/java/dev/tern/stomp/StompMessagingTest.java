package dev.tern.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Messages between STOMP clients and Tern's JMS client: bodies, headers, properties, queues and topics. */
@Timeout(60)
class StompMessagingTest {

    private static final long WAIT = 10_000;

    private StompBroker broker;
    private Connection jms;
    private Session session;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        broker = new StompBroker(dir);
        jms = broker.jms();
        session = jms.createSession(Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            jms.close();
        } finally {
            broker.close();
        }
    }

    @Test
    void sendWithoutContentLengthArrivesAsTextMessageWithHeadersAndProperties() throws Exception {
        MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));
        try (StompClient client = broker.client()) {
            client.textFrame("SEND", "héllo wörld", "destination", "/queue/orders", "correlation-id", "c-1",
                    "reply-to", "/queue/replies", "type", "order", "persistent", "true", "priority", "7",
                    "JMSXGroupID", "g1", "customer", "acme", "x-trace-id", "a:b", "receipt", "r1");
            assertThat(client.receive().header("receipt-id")).isEqualTo("r1");
        }

        Message message = consumer.receive(WAIT);
        assertThat(message).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) message).getText()).isEqualTo("héllo wörld");
        assertThat(message.getJMSMessageID()).startsWith("ID:");
        assertThat(message.getJMSCorrelationID()).isEqualTo("c-1");
        assertThat(((Queue) message.getJMSReplyTo()).getQueueName()).isEqualTo("replies");
        assertThat(message.getJMSType()).isEqualTo("order");
        assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(message.getJMSPriority()).isEqualTo(7);
        assertThat(message.getJMSTimestamp()).isPositive();
        assertThat(message.getStringProperty("JMSXGroupID")).isEqualTo("g1");
        assertThat(message.getStringProperty("customer")).isEqualTo("acme");
        assertThat(message.getStringProperty("x-trace-id")).isEqualTo("a:b");
        assertThat(message.propertyExists("destination")).isFalse();
        assertThat(message.propertyExists("receipt")).isFalse();
    }

    @Test
    void sendWithContentLengthArrivesAsBytesMessageAndDefaultsToNonPersistentPriorityFour() throws Exception {
        MessageConsumer consumer = session.createConsumer(session.createQueue("blobs"));
        byte[] body = {0, 1, 2, (byte) 0xff, 0, 10};
        try (StompClient client = broker.client()) {
            client.withReceipt("SEND", body, "destination", "blobs", "expires", "0");
        }

        Message message = consumer.receive(WAIT);
        assertThat(message).isInstanceOf(BytesMessage.class);
        BytesMessage bytes = (BytesMessage) message;
        byte[] read = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(read);
        assertThat(read).isEqualTo(body);
        assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(message.getJMSPriority()).isEqualTo(4);
        assertThat(message.getJMSExpiration()).isZero();
    }

    @Test
    void amqMsgTypeTextMakesAContentLengthBodyATextMessage() throws Exception {
        MessageConsumer consumer = session.createConsumer(session.createQueue("texts"));
        try (StompClient client = broker.client()) {
            client.withReceipt("SEND", "plain".getBytes(StandardCharsets.UTF_8), "destination", "/queue/texts",
                    "amq-msg-type", "text");
        }
        assertThat(((TextMessage) consumer.receive(WAIT)).getText()).isEqualTo("plain");
    }

    @Test
    void jmsTextBytesMapAndStreamMessagesReachAStompSubscriber() throws Exception {
        try (StompClient client = broker.client()) {
            client.subscribe("s1", "/queue/mixed");
            MessageProducer producer = session.createProducer(session.createQueue("mixed"));
            producer.setPriority(8);
            TextMessage text = session.createTextMessage("über");
            text.setJMSCorrelationID("corr");
            text.setJMSType("greeting");
            text.setIntProperty("count", 3);
            text.setStringProperty("colour", "blue\nred:green");
            text.setJMSReplyTo(session.createTopic("answers"));
            producer.send(text);
            BytesMessage bytes = session.createBytesMessage();
            bytes.writeBytes(new byte[] {1, 0, 2});
            producer.send(bytes);
            MapMessage map = session.createMapMessage();
            map.setString("name", "a \"quoted\" name");
            map.setInt("qty", 2);
            map.setBoolean("ok", true);
            producer.send(map);
            StreamMessage stream = session.createStreamMessage();
            stream.writeString("x");
            stream.writeDouble(1.5);
            producer.send(stream);

            StompClient.Frame first = client.receive();
            assertThat(first.command()).isEqualTo("MESSAGE");
            assertThat(first.text()).isEqualTo("über");
            assertThat(first.header("content-type")).isEqualTo("text/plain;charset=UTF-8");
            assertThat(first.header("subscription")).isEqualTo("s1");
            assertThat(first.header("destination")).isEqualTo("/queue/mixed");
            assertThat(first.header("message-id")).isEqualTo(text.getJMSMessageID());
            assertThat(first.header("correlation-id")).isEqualTo("corr");
            assertThat(first.header("type")).isEqualTo("greeting");
            assertThat(first.header("priority")).isEqualTo("8");
            assertThat(first.header("persistent")).isEqualTo("true");
            assertThat(first.header("reply-to")).isEqualTo("/topic/answers");
            assertThat(first.header("count")).isEqualTo("3");
            assertThat(first.header("colour")).isEqualTo("blue\nred:green");
            assertThat(first.header("redelivered")).isNull();
            assertThat(Long.parseLong(first.header("timestamp"))).isEqualTo(text.getJMSTimestamp());
            assertThat(first.header("expires")).isEqualTo("0");

            StompClient.Frame second = client.receive();
            assertThat(second.body()).containsExactly(1, 0, 2);
            assertThat(second.header("content-type")).isNull();

            StompClient.Frame third = client.receive();
            assertThat(third.header("content-type")).isEqualTo("application/json;charset=UTF-8");
            assertThat(third.text()).isEqualTo("{\"name\":\"a \\\"quoted\\\" name\",\"qty\":2,\"ok\":true}");

            StompClient.Frame fourth = client.receive();
            assertThat(fourth.text()).isEqualTo("[\"x\",1.5]");
        }
    }

    @Test
    void aQueueSharesItsMessagesAmongCompetingStompConsumers() throws Exception {
        try (StompClient one = broker.client(); StompClient two = broker.client(); StompClient sender = broker.client()) {
            one.subscribe("a", "/queue/work");
            two.subscribe("b", "/queue/work");
            for (int i = 0; i < 20; i++) {
                sender.frame("SEND", null, "destination", "/queue/work", "n", Integer.toString(i));
            }
            sender.withReceipt("SEND", null, "destination", "/queue/work", "n", "20");

            Set<String> seen = new HashSet<>();
            List<StompClient.Frame> got = new ArrayList<>();
            while (seen.size() < 21) {
                StompClient.Frame a = one.receiveWithin(Duration.ofMillis(100));
                StompClient.Frame b = two.receiveWithin(Duration.ofMillis(100));
                for (StompClient.Frame f : new StompClient.Frame[] {a, b}) {
                    if (f != null) {
                        assertThat(seen.add(f.header("n"))).as("each message once").isTrue();
                        got.add(f);
                    }
                }
                assertThat(got.size()).isLessThanOrEqualTo(21);
            }
            assertThat(got.stream().map(f -> f.header("subscription")).distinct()).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void aTopicFansOutToEveryStompSubscriberAndJmsSubscriber() throws Exception {
        MessageConsumer jmsSubscriber = session.createConsumer(session.createTopic("news"));
        try (StompClient one = broker.client(); StompClient two = broker.client()) {
            one.subscribe("a", "/topic/news");
            two.subscribe("b", "/topic/news");
            one.withReceipt("SEND", null, "destination", "/topic/news", "headline", "tern flies");

            for (StompClient client : List.of(one, two)) {
                StompClient.Frame frame = client.receive();
                assertThat(frame.header("headline")).isEqualTo("tern flies");
                assertThat(frame.header("destination")).isEqualTo("/topic/news");
            }
            assertThat(jmsSubscriber.receive(WAIT).getStringProperty("headline")).isEqualTo("tern flies");
        }
    }

    @Test
    void aSelectorPicksMessagesByHeaderAndJmsHeader() throws Exception {
        try (StompClient client = broker.client()) {
            client.subscribe("s", "/queue/picky", "selector", "colour = 'red' AND JMSPriority > 5");
            client.frame("SEND", null, "destination", "/queue/picky", "colour", "blue", "priority", "9", "n", "1");
            client.frame("SEND", null, "destination", "/queue/picky", "colour", "red", "priority", "1", "n", "2");
            client.frame("SEND", null, "destination", "/queue/picky", "colour", "red", "priority", "9", "n", "3");

            assertThat(client.receive().header("n")).isEqualTo("3");
            assertThat(client.receiveWithin(Duration.ofMillis(300))).isNull();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.messages("picky") == 2);
    }

    @Test
    void aBadSelectorIsRefusedNamingItAndLeavesNoConsumer() throws Exception {
        try (StompClient client = broker.client()) {
            client.frame("SUBSCRIBE", null, "id", "s", "destination", "/queue/q", "selector", "colour = = 'x'",
                    "receipt", "r");
            StompClient.Frame error = client.receive();
            assertThat(error.command()).isEqualTo("ERROR");
            assertThat(error.header("message")).contains("colour = = 'x'");
            assertThat(error.header("receipt-id")).isEqualTo("r");
            client.awaitClosed();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.consumers("q") == 0);
    }

    @Test
    void aStompTemporaryQueueReceivesAJmsReply() throws Exception {
        MessageConsumer requests = session.createConsumer(session.createQueue("requests"));
        try (StompClient client = broker.client()) {
            client.subscribe("replies", "/temp-queue/replies");
            client.withReceipt("SEND", null, "destination", "/queue/requests", "reply-to", "/temp-queue/replies");

            Message request = requests.receive(WAIT);
            assertThat(request.getJMSReplyTo()).isInstanceOf(TemporaryQueue.class);
            session.createProducer(request.getJMSReplyTo()).send(session.createTextMessage("pong"));

            StompClient.Frame reply = client.receive();
            assertThat(reply.text()).isEqualTo("pong");
            assertThat(reply.header("destination")).isEqualTo("/temp-queue/replies");
        }
    }

    @Test
    void aJmsTemporaryQueueInReplyToCanBeAnsweredOverStomp() throws Exception {
        TemporaryQueue replies = session.createTemporaryQueue();
        MessageConsumer replyConsumer = session.createConsumer(replies);
        TextMessage request;
        try (StompClient client = broker.client()) {
            client.subscribe("req", "/queue/service");
            request = session.createTextMessage("ping");
            request.setJMSReplyTo(replies);
            session.createProducer(session.createQueue("service")).send(request);

            StompClient.Frame received = client.receive();
            String replyTo = received.header("reply-to");
            assertThat(replyTo).startsWith("/temp-queue/");
            assertThat(received.header("message-id")).isEqualTo(request.getJMSMessageID());
            client.withReceipt("SEND", null, "destination", replyTo, "correlation-id", received.header("message-id"));
        }
        Message reply = replyConsumer.receive(WAIT);
        assertThat(reply.getJMSCorrelationID()).isEqualTo(request.getJMSMessageID());
    }

    @Test
    void receiptsAreAnsweredInTheOrderOfTheFrames() throws Exception {
        try (StompClient client = broker.client()) {
            for (int i = 0; i < 50; i++) {
                client.frame(i % 2 == 0 ? "SEND" : "BEGIN", null, i % 2 == 0 ? "destination" : "transaction",
                        i % 2 == 0 ? "/queue/ordered" : "t" + i, "persistent", "true", "receipt", "r" + i);
            }
            for (int i = 0; i < 50; i++) {
                assertThat(client.receive().header("receipt-id")).isEqualTo("r" + i);
            }
        }
    }

    @Test
    void disconnectWithReceiptAnswersAfterEarlierSendsThenCloses() throws Exception {
        try (StompClient client = broker.client()) {
            for (int i = 0; i < 10; i++) {
                client.frame("SEND", null, "destination", "/queue/last", "persistent", "true");
            }
            client.frame("DISCONNECT", null, "receipt", "bye");
            assertThat(client.receive().header("receipt-id")).isEqualTo("bye");
            client.awaitClosed();
        }
        assertThat(broker.messages("last")).isEqualTo(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.broker.connectionCount() == 1);
    }

    @Test
    void thousandsOfPipelinedSendsAllArriveInOrder() throws Exception {
        MessageConsumer consumer = session.createConsumer(session.createQueue("pipelined"));
        int count = 3_000;
        try (StompClient client = broker.client()) {
            StringBuilder frames = new StringBuilder();
            for (int i = 0; i < count; i++) {
                frames.append("SEND\ndestination:/queue/pipelined\nn:").append(i).append("\n\nbody ").append(i).append('\0');
            }
            client.raw(frames.toString().getBytes(StandardCharsets.UTF_8));
            client.withReceipt("SEND", null, "destination", "/queue/other");
        }
        for (int i = 0; i < count; i++) {
            assertThat(consumer.receive(WAIT).getStringProperty("n")).isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void aSendTheBrokerRefusesIsAnsweredWithAnErrorNamingItsReceipt() throws Exception {
        try (StompClient client = broker.client()) {
            client.frame("SEND", null, "destination", "/queue/temp:forged", "receipt", "forged-1");
            StompClient.Frame error = client.receive();
            assertThat(error.command()).as("%s", error).isEqualTo("ERROR");
            assertThat(error.header("receipt-id")).isEqualTo("forged-1");
            assertThat(error.text()).isNotBlank();
            client.awaitClosed();
        }
    }

    @Test
    void aStompTemporaryTopicIsItsOwnersAndGoneWhenItDisconnects() throws Exception {
        try (StompClient owner = broker.client(); StompClient other = broker.client()) {
            owner.subscribe("t", "/temp-topic/events");
            owner.withReceipt("SEND", null, "destination", "/temp-topic/events", "n", "1");
            StompClient.Frame frame = owner.receive();
            assertThat(frame.header("destination")).isEqualTo("/temp-topic/events");

            // another connection's plain name is a temporary topic of its own, not the owner's
            other.withReceipt("SEND", null, "destination", "/temp-topic/events", "n", "2");
            assertThat(owner.receiveWithin(Duration.ofMillis(300))).isNull();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.broker.postOffice().queues().stream()
                .noneMatch(queue -> queue.name().startsWith("temp:")));
    }

    @Test
    void aStomp10ClientSubscribesWithoutIdAndAcksByMessageId() throws Exception {
        try (StompClient client = StompClient.open(broker.port())) {
            client.frame("CONNECT", null, "login", "alice", "passcode", "secret");
            assertThat(client.receive().header("version")).isEqualTo("1.0");
            client.withReceipt("SUBSCRIBE", null, "destination", "/queue/old", "ack", "client");
            client.withReceipt("SEND", null, "destination", "/queue/old");
            StompClient.Frame frame = client.receive();
            assertThat(frame.header("subscription")).isEqualTo("/queue/old");

            client.withReceipt("ACK", null, "message-id", frame.header("message-id"));
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.held("old") == 0);
            client.withReceipt("UNSUBSCRIBE", null, "destination", "/queue/old");
            assertThat(broker.consumers("old")).isZero();
        }
    }
}
