package dev.tern.broker.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.RecordingClient;
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

/**
 * What the protocol heads need of the engine: {@link Command.Release}, for AMQP's released/modified/rejected
 * outcomes and STOMP's NACK (one delivery goes back without touching the session's others), and a
 * {@link Command.Commit} that acknowledges deliveries of the connection's other sessions with its sends.
 */
class HeadCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final long SESSION = 1;
    private static final long CONSUMER = 7;

    private final Broker broker = Broker.start(BrokerConfig.named("head-commands").withPersistent(false)
            .withPolicies(dev.tern.broker.policy.AddressPolicies.fromOptions(Map.of("work.maxDeliveryAttempts", "2"))));
    private final RecordingClient client = RecordingClient.connectedTo(broker);

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void aReleasedDeliveryComesBackAsNeverDeliveredAndTheOthersStayHeld() {
        openConsumer(2, "first", "second");
        Event.Deliver first = client.delivery(0);
        Event.Deliver second = client.delivery(1);

        client.call(id -> new Command.Release(id, SESSION, List.of(first.deliveryId()), false));
        client.send(id -> new Command.GrantCredit(id, SESSION, CONSUMER, 1));

        Event.Deliver again = client.delivery(2);
        assertThat(again.message().messageId()).isEqualTo(first.message().messageId());
        assertThat(again.deliveryCount()).isEqualTo(1);
        assertThat(broker.unacknowledgedCount("work")).hasValue(2);
        client.call(id -> new Command.Acknowledge(id, SESSION, List.of(second.deliveryId(), again.deliveryId())));
        assertThat(broker.unacknowledgedCount("work")).hasValue(0);
        assertThat(broker.messageCount("work")).hasValue(0);
    }

    @Test
    void aFailedReleaseCountsAnAttemptAndTheLastOneGoesToTheDeadLetterQueue() {
        openConsumer(1, "poison");
        Event.Deliver first = client.delivery(0);

        client.call(id -> new Command.Release(id, SESSION, List.of(first.deliveryId()), true));
        client.send(id -> new Command.GrantCredit(id, SESSION, CONSUMER, 1));
        Event.Deliver second = client.delivery(1);
        assertThat(second.deliveryCount()).isEqualTo(2);

        client.call(id -> new Command.Release(id, SESSION, List.of(second.deliveryId()), true));
        await().atMost(WAIT).until(() -> broker.messageCount("DLQ").orElse(0) == 1);
        assertThat(broker.messageCount("work")).hasValue(0);
    }

    @Test
    void releasingAnUnknownDeliveryChangesNothing() {
        openConsumer(1, "kept");
        Event.Deliver held = client.delivery(0);

        client.call(id -> new Command.Release(id, SESSION, List.of(held.deliveryId() + 100), true));

        assertThat(broker.unacknowledgedCount("work")).hasValue(1);
        assertThat(broker.messageCount("work")).hasValue(0);
    }

    @Test
    void aCommitAcknowledgesDeliveriesOfAnotherSessionWithItsSends() {
        openConsumer(1, "request");
        Event.Deliver request = client.delivery(0);
        long transacted = SESSION + 1;
        client.call(id -> new Command.CreateSession(id, transacted, AckMode.TRANSACTED));
        client.call(id -> new Command.Send(id, transacted, message("replies", "reply")));

        client.call(id -> new Command.Commit(id, transacted, List.of(request.deliveryId(), request.deliveryId() + 100)));

        assertThat(broker.unacknowledgedCount("work")).hasValue(0);
        assertThat(broker.messageCount("work")).hasValue(0);
        assertThat(broker.messageCount("replies")).hasValue(1);
    }

    private void openConsumer(int credit, String... bodies) {
        client.call(id -> new Command.OpenConnection(id, null, null, null));
        client.call(Command.StartDelivery::new);
        client.call(id -> new Command.CreateSession(id, SESSION, AckMode.CLIENT));
        for (String body : bodies) {
            client.call(id -> new Command.Send(id, SESSION, message("work", body)));
        }
        client.call(id -> new Command.CreateConsumer(id, SESSION, CONSUMER, ConsumerSpec.of(DestinationName.queue("work")),
                credit));
    }

    private static MessageRecord message(String queue, String body) {
        return new MessageRecord("ID:" + body, DestinationName.queue(queue), 1, null, null, null, false, 4, 0, 0,
                Map.of(), BodyType.BYTES, body.getBytes());
    }
}
