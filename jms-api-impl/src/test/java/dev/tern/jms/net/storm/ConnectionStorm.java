package dev.tern.jms.net.storm;

import dev.tern.jms.TernConnectionFactory;
import dev.tern.jms.net.RawClient;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.Event;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Opens and drops connections on a few threads, spread evenly over a given time, each of them one of the
 * {@link Kind}s in turn, each consuming from one queue.
 */
final class ConnectionStorm {

    /** How a connection of the storm lives and goes. */
    enum Kind {
        /** A JMS connection whose CLIENT_ACKNOWLEDGE consumer takes a message, if one is there, then closes. */
        JMS_CLOSED,
        /** A raw connection that opens a session and a consumer with credit, starts delivery and closes its socket. */
        RAW_CLOSED,
        /** A raw connection that writes the same commands in one go and resets its socket at once. */
        RAW_RESET_PIPELINED,
        /** A raw socket reset right after its hello. */
        RAW_RESET_AT_HELLO
    }

    private static final int CREDIT = 10;

    private final int port;
    private final TernConnectionFactory factory;
    private final String queue;
    private final int total;
    private final long spreadNanos;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicIntegerArray done = new AtomicIntegerArray(Kind.values().length);
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final CountDownLatch finished;
    private final List<Thread> threads = new ArrayList<>();
    private long start;
    private final AtomicLong end = new AtomicLong();

    private ConnectionStorm(int port, TernConnectionFactory factory, String queue, int total, int threadCount,
            Duration spread) {
        this.port = port;
        this.factory = factory;
        this.queue = queue;
        this.total = total;
        this.spreadNanos = spread.toNanos();
        this.finished = new CountDownLatch(threadCount);
        for (int i = 0; i < threadCount; i++) {
            threads.add(new Thread(this::work, "storm-" + i));
        }
    }

    /**
     * Starts the storm.
     *
     * @param factory makes the JMS connections; give it a small {@code jms.prefetch}
     * @param spread the time over which the connections' starts are spread; zero for as fast as they go
     */
    static ConnectionStorm start(int port, TernConnectionFactory factory, String queue, int total, int threads,
            Duration spread) {
        ConnectionStorm storm = new ConnectionStorm(port, factory, queue, total, threads, spread);
        storm.start = System.nanoTime();
        storm.threads.forEach(Thread::start);
        return storm;
    }

    boolean isDone() {
        return finished.getCount() == 0;
    }

    /**
     * Waits for every connection to be opened and dropped.
     *
     * @throws IllegalStateException if that takes longer than the timeout
     */
    Figures await(Duration timeout) throws InterruptedException {
        if (!finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the storm did not end within " + timeout + "; " + next.get() + " begun");
        }
        Map<Kind, Integer> byKind = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            byKind.put(kind, done.get(kind.ordinal()));
        }
        return new Figures(byKind, (end.get() - start) / 1e9, List.copyOf(failures));
    }

    private void work() {
        try {
            for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                LockSupport.parkNanos(start + spreadNanos * i / total - System.nanoTime()); // the storm's pace
                Kind kind = Kind.values()[i % Kind.values().length];
                try {
                    connectAndDrop(kind);
                    done.incrementAndGet(kind.ordinal());
                } catch (Exception | AssertionError e) {
                    failures.add(new AssertionError("connection " + i + " (" + kind + ") failed", e));
                }
            }
        } finally {
            end.accumulateAndGet(System.nanoTime(), Math::max);
            finished.countDown();
        }
    }

    private void connectAndDrop(Kind kind) throws Exception {
        switch (kind) {
            case JMS_CLOSED -> {
                try (Connection connection = factory.createConnection()) {
                    Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
                    var consumer = session.createConsumer(session.createQueue(queue));
                    connection.start();
                    consumer.receiveNoWait();
                }
            }
            case RAW_CLOSED -> {
                try (RawClient raw = RawClient.connect(port)) {
                    for (Command command : consumerCommands()) {
                        if (command instanceof Command.StartDelivery) {
                            raw.send(command);
                            continue;
                        }
                        Event.Answer answer = raw.call(command);
                        if (!(answer instanceof Event.Ok)) {
                            throw new AssertionError(command + " was answered " + answer);
                        }
                    }
                }
            }
            case RAW_RESET_PIPELINED -> {
                RawClient raw = RawClient.connect(port);
                raw.send(consumerCommands().toArray(Command[]::new));
                raw.abort();
            }
            case RAW_RESET_AT_HELLO -> RawClient.connect(port).abort();
        }
    }

    private List<Command> consumerCommands() {
        return List.of(new Command.OpenConnection(1, null, null, null),
                new Command.CreateSession(2, 1, AckMode.CLIENT),
                new Command.CreateConsumer(3, 1, 1, new ConsumerSpec(DestinationName.queue(queue), null, false, null,
                        false, false), CREDIT),
                new Command.StartDelivery(4));
    }

    /**
     * What a storm did.
     *
     * @param byKind connections opened and dropped without failure, by kind
     * @param seconds from the start until the last thread finished
     * @param failures the connections that failed
     */
    record Figures(Map<Kind, Integer> byKind, double seconds, List<Throwable> failures) {

        int connections() {
            return byKind.values().stream().mapToInt(Integer::intValue).sum();
        }

        double perSecond() {
            return connections() / seconds;
        }
    }
}
