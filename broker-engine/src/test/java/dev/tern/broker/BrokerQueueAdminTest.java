package dev.tern.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.protocol.AckMode;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.Event;
import dev.tern.protocol.MessageRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Broker#purgeQueue} and {@link Broker#unacknowledgedCount}, driven through the broker's own commands. */
class BrokerQueueAdminTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final long SESSION = 1;

    private final Broker broker = Broker.start(BrokerConfig.named("queue-admin").withPersistent(false));
    private final RecordingClient client = RecordingClient.connectedTo(broker);

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void purgeRemovesWaitingAndDelayedMessagesAndKeepsTheQueue() {
        openSession(AckMode.AUTO);
        send("orders", 0);
        send("orders", 0);
        send("orders", System.currentTimeMillis() + Duration.ofHours(1).toMillis());
        await().atMost(WAIT).until(() -> broker.messageCount("orders").orElse(0) == 3);

        assertThat(broker.purgeQueue("orders")).isEqualTo(3);

        assertThat(broker.messageCount("orders")).hasValue(0);
        assertThat(broker.unacknowledgedCount("orders")).hasValue(0);
        send("orders", 0);
        await().atMost(WAIT).until(() -> broker.messageCount("orders").orElse(0) == 1);
    }

    @Test
    void purgeOfAnUnknownQueueRemovesNothing() {
        assertThat(broker.purgeQueue("nowhere")).isZero();
        assertThat(broker.unacknowledgedCount("nowhere")).isEmpty();
    }

    @Test
    void deliveredMessagesStayUnacknowledgedUntilAcknowledgedAndPurgeLeavesThem() {
        openSession(AckMode.CLIENT);
        send("work", 0);
        send("work", 0);
        await().atMost(WAIT).until(() -> broker.messageCount("work").orElse(0) == 2);
        client.call(id -> new Command.CreateConsumer(id, SESSION, 7, ConsumerSpec.of(DestinationName.queue("work")), 1));
        Event.Deliver first = client.delivery(0);

        assertThat(broker.messageCount("work")).hasValue(1);
        assertThat(broker.unacknowledgedCount("work")).hasValue(2);
        assertThat(broker.purgeQueue("work")).isEqualTo(1);
        assertThat(broker.unacknowledgedCount("work")).hasValue(1);

        client.call(id -> new Command.Acknowledge(id, SESSION, List.of(first.deliveryId())));
        assertThat(broker.unacknowledgedCount("work")).hasValue(0);
    }

    private void openSession(AckMode mode) {
        client.call(id -> new Command.OpenConnection(id, null, null, null));
        client.call(Command.StartDelivery::new);
        client.call(id -> new Command.CreateSession(id, SESSION, mode));
    }

    private void send(String queue, long deliveryTime) {
        MessageRecord message = new MessageRecord("ID:" + client.lastRequestId(), DestinationName.queue(queue),
                System.currentTimeMillis(), null, null, null, false, 4, 0, deliveryTime, Map.of(), BodyType.TEXT,
                "hello".getBytes());
        client.call(id -> new Command.Send(id, SESSION, message));
    }
}
