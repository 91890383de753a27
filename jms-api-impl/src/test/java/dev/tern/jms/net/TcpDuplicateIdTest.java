package dev.tern.jms.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.core.MessageQueue;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that reuses a session or consumer ID, over raw frames: the broker refuses the second
 * one, the connection goes on, and when the socket closes no consumer of it stays on its queue to
 * take messages meant for others.
 */
@Timeout(60)
class TcpDuplicateIdTest {

    private static final int MESSAGES = 20;

    private final String name = "duplicate-ids-" + UUID.randomUUID().toString().substring(0, 8);
    private Broker broker;
    private TernConnectionFactory factory;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedBrokers.start(BrokerConfig.named(name).withPersistent(false)
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1")));
        factory = new TernConnectionFactory("tcp://127.0.0.1:" + broker.tcpPort());
    }

    @AfterEach
    void stopBroker() {
        EmbeddedBrokers.stop(name);
    }

    @Test
    void aSecondSessionWithTheSameIdIsRefusedAndNoConsumerOutlivesTheSocket() throws Exception {
        String queue = "duplicate-session";
        try (RawClient raw = consumingRawClient(queue)) {
            Event.Answer duplicate = raw.call(new Command.CreateSession(10, 1, AckMode.AUTO));

            assertRefused(duplicate, "Session 1");
            assertThat(raw.call(new Command.CreateSession(11, 2, AckMode.AUTO)))
                    .as("the connection stays usable").isEqualTo(new Event.Ok(11));
        }
        assertNoConsumerLeftOn(queue);
        assertThat(sendAndReceiveAll(queue)).hasSize(MESSAGES);
    }

    @Test
    void aSecondConsumerWithTheSameIdIsRefusedAndNoConsumerOutlivesTheSocket() throws Exception {
        String queue = "duplicate-consumer";
        try (RawClient raw = consumingRawClient(queue)) {
            Event.Answer duplicate = raw.call(new Command.CreateConsumer(10, 1, 1,
                    ConsumerSpec.of(DestinationName.queue(queue)), 10));

            assertRefused(duplicate, "Consumer 1");
            assertThat(raw.call(new Command.CreateConsumer(11, 1, 2, ConsumerSpec.of(DestinationName.queue("other")), 10)))
                    .as("the connection stays usable").isEqualTo(new Event.Ok(11));
        }
        assertNoConsumerLeftOn(queue);
        assertThat(sendAndReceiveAll(queue)).hasSize(MESSAGES);
    }

    /** The reproduction of the issue up to the duplicate: a started connection with a consumer of credit 10. */
    private RawClient consumingRawClient(String queue) throws Exception {
        RawClient raw = RawClient.connect(broker.tcpPort());
        assertThat(raw.call(new Command.OpenConnection(1, null, null, null))).isEqualTo(new Event.Ok(1));
        assertThat(raw.call(new Command.CreateSession(2, 1, AckMode.AUTO))).isEqualTo(new Event.Ok(2));
        assertThat(raw.call(new Command.CreateConsumer(3, 1, 1, ConsumerSpec.of(DestinationName.queue(queue)), 10)))
                .isEqualTo(new Event.Ok(3));
        assertThat(raw.call(new Command.StartDelivery(4))).isEqualTo(new Event.Ok(4));
        return raw;
    }

    private static void assertRefused(Event.Answer answer, String naming) {
        assertThat(answer).isInstanceOfSatisfying(Event.Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo(ErrorCode.ILLEGAL_STATE);
            assertThat(failed.message()).contains(naming).contains("already");
        });
    }

    private void assertNoConsumerLeftOn(String queue) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(broker.connectionCount()).as("broker connections").isZero();
            MessageQueue onBroker = broker.postOffice().queue(queue);
            assertThat(onBroker == null ? 0 : onBroker.consumerCount()).as("consumers on " + queue).isZero();
        });
    }

    /** A JMS client sends messages and takes what reaches it, until none comes for a while. */
    private List<String> sendAndReceiveAll(String queueName) {
        List<String> received = new ArrayList<>();
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue(queueName);
            JMSConsumer consumer = context.createConsumer(queue);
            JMSProducer producer = context.createProducer();
            for (int i = 0; i < MESSAGES; i++) {
                producer.send(queue, "message " + i);
            }
            for (String body = consumer.receiveBody(String.class, 2_000); body != null;
                    body = consumer.receiveBody(String.class, 500)) {
                received.add(body);
            }
        }
        return received;
    }
}
