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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a connection answers: commands sent as {@link Command#UNANSWERED} are executed and never answered, not
 * even when they fail, and which thread pushes the answer of a persistent send, which waits for the journal.
 */
class AnswersTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final long SESSION = 1;
    private static final long CONSUMER = 3;

    @TempDir
    Path dataDir;

    private Broker broker;
    private RecordingClient client;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void anUnansweredAcknowledgmentIsAppliedAndNotAnswered() {
        connect(false, false);
        client.call(id -> new Command.CreateSession(id, SESSION, AckMode.AUTO));
        client.call(id -> new Command.Send(id, SESSION, message("work")));
        client.call(id -> new Command.CreateConsumer(id, SESSION, CONSUMER, ConsumerSpec.of(DestinationName.queue("work")), 1));
        Event.Deliver delivery = client.delivery(0);

        client.sendAsIs(new Command.Acknowledge(Command.UNANSWERED, SESSION, List.of(delivery.deliveryId())));
        await().atMost(WAIT).until(() -> broker.unacknowledgedCount("work").orElse(-1) == 0);
        client.call(id -> new Command.Send(id, SESSION, message("work")));

        assertThat(broker.messageCount("work")).hasValue(1);
        assertNothingAnswered(Command.UNANSWERED);
    }

    @Test
    void anUnansweredCommandThatFailsIsNotAnsweredEither() {
        connect(false, false);
        client.sendAsIs(new Command.Acknowledge(Command.UNANSWERED, SESSION + 41, List.of(1L)));
        client.call(id -> new Command.CreateSession(id, SESSION, AckMode.AUTO));
        client.call(id -> new Command.Send(id, SESSION, message("work")));

        assertNothingAnswered(Command.UNANSWERED);
    }

    @Test
    void aClientThatOnlyQueuesIsAnsweredFromTheJournalsSyncThread() {
        connect(true, true);
        client.call(id -> new Command.CreateSession(id, SESSION, AckMode.AUTO));
        long send = client.call(id -> new Command.Send(id, SESSION, message("work")));

        assertThat(client.answeringThread(send)).startsWith("tern-journal-").endsWith("-sync");
    }

    @Test
    void anInJvmClientIsAnsweredOnTheConnectionsLaneNotOnTheJournalsThreads() {
        connect(true, false);
        client.call(id -> new Command.CreateSession(id, SESSION, AckMode.AUTO));
        long send = client.call(id -> new Command.Send(id, SESSION, message("work")));

        assertThat(client.answeringThread(send)).startsWith("tern-answers-worker-");
    }

    private void connect(boolean persistent, boolean onlyQueues) {
        broker = Broker.start(BrokerConfig.named("answers").withPersistent(persistent).withDataDir(dataDir));
        client = onlyQueues ? RecordingClient.connectedAsSocket(broker, "/127.0.0.1:1") : RecordingClient.connectedTo(broker);
        client.call(id -> new Command.OpenConnection(id, null, null, null));
        client.call(Command.StartDelivery::new);
    }

    private void assertNothingAnswered(long requestId) {
        assertThat(client.events()).noneMatch(e -> e instanceof Event.Answer answer && answer.requestId() == requestId);
    }

    private static MessageRecord message(String queue) {
        return new MessageRecord("ID:" + queue, DestinationName.queue(queue), 1, null, null, null, true, 4, 0, 0,
                Map.of(), BodyType.BYTES, new byte[16]);
    }
}
