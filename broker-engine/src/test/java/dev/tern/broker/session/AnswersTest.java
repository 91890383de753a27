package dev.tern.broker.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.Event;
import dev.tern.protocol.InVmConnector;
import dev.tern.protocol.MessageRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
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
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Map<Long, String> answeringThreads = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong();
    private InVmConnector.FrameChannel channel;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void anUnansweredAcknowledgmentIsAppliedAndNotAnswered() {
        connect(false, this::record);
        call(id -> new Command.CreateSession(id, SESSION, AckMode.AUTO));
        call(id -> new Command.Send(id, SESSION, message("work")));
        call(id -> new Command.CreateConsumer(id, SESSION, CONSUMER, ConsumerSpec.of(DestinationName.queue("work")), 1));
        Event.Deliver delivery = await().atMost(WAIT).until(() -> events.stream().filter(Event.Deliver.class::isInstance)
                .map(Event.Deliver.class::cast).findFirst().orElse(null), d -> d != null);

        channel.send(new Command.Acknowledge(Command.UNANSWERED, SESSION, List.of(delivery.deliveryId())));
        await().atMost(WAIT).until(() -> broker.unacknowledgedCount("work").orElse(-1) == 0);
        call(id -> new Command.Send(id, SESSION, message("work")));

        assertThat(broker.messageCount("work")).hasValue(1);
        assertNothingAnswered(Command.UNANSWERED);
    }

    @Test
    void anUnansweredCommandThatFailsIsNotAnsweredEither() {
        connect(false, this::record);
        channel.send(new Command.Acknowledge(Command.UNANSWERED, SESSION + 41, List.of(1L)));
        call(id -> new Command.CreateSession(id, SESSION, AckMode.AUTO));
        call(id -> new Command.Send(id, SESSION, message("work")));

        assertNothingAnswered(Command.UNANSWERED);
    }

    @Test
    void aClientThatOnlyQueuesIsAnsweredFromTheJournalsSyncThread() {
        connect(true, InVmConnector.EventListener.queuing(this::record));
        call(id -> new Command.CreateSession(id, SESSION, AckMode.AUTO));
        long send = call(id -> new Command.Send(id, SESSION, message("work")));

        assertThat(answeringThreads.get(send)).startsWith("tern-journal-").endsWith("-sync");
    }

    @Test
    void anInJvmClientIsAnsweredOnTheConnectionsLaneNotOnTheJournalsThreads() {
        connect(true, this::record);
        call(id -> new Command.CreateSession(id, SESSION, AckMode.AUTO));
        long send = call(id -> new Command.Send(id, SESSION, message("work")));

        assertThat(answeringThreads.get(send)).startsWith("tern-answers-worker-");
    }

    private void connect(boolean persistent, InVmConnector.EventListener client) {
        broker = Broker.start(BrokerConfig.named("answers").withPersistent(persistent).withDataDir(dataDir));
        channel = broker.connect(client, () -> { });
        call(id -> new Command.OpenConnection(id, null, null, null));
        call(Command.StartDelivery::new);
    }

    private void record(Event event) {
        if (event instanceof Event.Answer answer) {
            answeringThreads.put(answer.requestId(), Thread.currentThread().getName());
        }
        events.add(event);
    }

    private void assertNothingAnswered(long requestId) {
        assertThat(events).noneMatch(e -> e instanceof Event.Answer answer && answer.requestId() == requestId);
    }

    /** Sends a command and waits for its Ok; returns its request ID. */
    private long call(LongFunction<Command> command) {
        long id = requestIds.incrementAndGet();
        channel.send(command.apply(id));
        await().atMost(WAIT).until(() -> events.stream()
                .anyMatch(e -> e instanceof Event.Answer answer && answer.requestId() == id));
        assertThat(events).contains(new Event.Ok(id));
        return id;
    }

    private static MessageRecord message(String queue) {
        return new MessageRecord("ID:" + queue, DestinationName.queue(queue), 1, null, null, null, true, 4, 0, 0,
                Map.of(), BodyType.BYTES, new byte[16]);
    }
}
