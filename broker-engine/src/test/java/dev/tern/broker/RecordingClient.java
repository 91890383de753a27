package dev.tern.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.security.ClientOrigin;
import dev.tern.protocol.Command;
import dev.tern.protocol.Event;
import dev.tern.protocol.InVmConnector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A client of a broker in the same JVM for the engine's tests. It sends commands on one connection,
 * numbering their requests, and records every event, and the thread each answer came on.
 */
public final class RecordingClient implements InVmConnector.EventListener {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Map<Long, String> answeringThreads = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong();
    private final InVmConnector.FrameChannel channel;

    private RecordingClient(Broker broker, boolean onlyQueues, String from) {
        InVmConnector.EventListener listener = onlyQueues ? InVmConnector.EventListener.queuing(this) : this;
        this.channel = broker.connect(listener, ClientOrigin.at(from), () -> { });
    }

    /** A client connected as an in-JVM client is, whose listener may run code on the pushing thread. */
    public static RecordingClient connectedTo(Broker broker) {
        return new RecordingClient(broker, false, "in-JVM");
    }

    /** A client connected as a socket is: from this address, with a listener that only queues events. */
    public static RecordingClient connectedAsSocket(Broker broker, String from) {
        return new RecordingClient(broker, true, from);
    }

    @Override
    public void onEvent(Event event) {
        if (event instanceof Event.Answer answer) {
            answeringThreads.put(answer.requestId(), Thread.currentThread().getName());
        }
        events.add(event);
    }

    /** Sends a command with the next request ID without waiting; returns the ID. */
    public long send(LongFunction<Command> command) {
        long id = requestIds.incrementAndGet();
        channel.send(command.apply(id));
        return id;
    }

    /** Sends a command as it is, request ID included. */
    public void sendAsIs(Command command) {
        channel.send(command);
    }

    /** Sends a command and waits for its answer, which must be an Ok; returns its request ID. */
    public long call(LongFunction<Command> command) {
        long id = send(command);
        awaitAnswer(id);
        assertThat(events).contains(new Event.Ok(id));
        return id;
    }

    /** Waits for the answer to a request, whatever it is. */
    public void awaitAnswer(long id) {
        await().atMost(WAIT).until(() -> events.stream()
                .anyMatch(e -> e instanceof Event.Answer answer && answer.requestId() == id));
    }

    /** Waits for the delivery of this index, counting from 0 in the order they came. */
    public Event.Deliver delivery(int index) {
        return await().atMost(WAIT).until(() -> events.stream().filter(Event.Deliver.class::isInstance)
                .map(Event.Deliver.class::cast).skip(index).findFirst().orElse(null), d -> d != null);
    }

    /** Every event so far, in order. */
    public List<Event> events() {
        return events;
    }

    /** The name of the thread that pushed the answer to a request, or null if none came yet. */
    public String answeringThread(long id) {
        return answeringThreads.get(id);
    }

    /** The highest request ID used so far. */
    public long lastRequestId() {
        return requestIds.get();
    }
}
