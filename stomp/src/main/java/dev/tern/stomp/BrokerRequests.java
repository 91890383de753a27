package dev.tern.stomp;

import dev.tern.broker.session.ServerConnection;
import dev.tern.protocol.Command;
import dev.tern.protocol.Event;
import io.netty.channel.Channel;
import io.netty.handler.codec.stomp.StompFrame;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands one STOMP connection gives its broker connection: it numbers them (and the sessions they
 * open), hands each answer to what waits for it, and stops reading the socket while the broker has not
 * answered {@value #MAX_COMMANDS_IN_FLIGHT} commands, or sends whose bodies add up to the port's
 * {@code maxInFlightFrameBytes}; so a producer faster than the broker (or sending to a full queue) waits in
 * TCP. Used on the channel's event loop only.
 */
final class BrokerRequests {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerRequests.class);

    /** Commands given to the broker and not yet answered, beyond which the socket is not read. */
    private static final int MAX_COMMANDS_IN_FLIGHT = 1_000;

    /** What to do when the broker refuses a client frame's command: answer ERROR, naming the frame if known. */
    @FunctionalInterface
    interface Refusal {
        void fail(String message, StompFrame frame);
    }

    private final Channel channel;
    private final long maxSendBytesInFlight;
    private final Refusal refusal;
    private final Map<Long, Consumer<Event.Answer>> answers = new HashMap<>();
    private ServerConnection connection;
    private long requestIds;
    private long sessionIds;
    /** Bytes of message bodies sent to the broker and not yet answered. */
    private long sendBytesInFlight;
    private boolean mayResumeReading = true;

    BrokerRequests(Channel channel, long maxSendBytesInFlight, Refusal refusal) {
        this.channel = channel;
        this.maxSendBytesInFlight = maxSendBytesInFlight;
        this.refusal = refusal;
    }

    /** The broker connection the commands go to, once CONNECT has opened it. */
    void attach(ServerConnection connection) {
        this.connection = connection;
    }

    Clock clock() {
        return connection.clock();
    }

    /** A number for a new session of the connection. */
    long newSessionId() {
        return ++sessionIds;
    }

    /** Gives the broker a command and runs {@code then} with its answer. */
    void request(LongFunction<Command> command, Consumer<Event.Answer> then) {
        long id = ++requestIds;
        answers.put(id, then);
        connection.send(command.apply(id));
        if (channel.config().isAutoRead() && (answers.size() >= MAX_COMMANDS_IN_FLIGHT
                || sendBytesInFlight >= maxSendBytesInFlight)) {
            channel.config().setAutoRead(false);
        }
    }

    /** A command of a client frame: {@code step} waits for its Ok; a Failed fails the connection, naming the frame. */
    void forStep(InOrder.Step step, StompFrame frame, LongFunction<Command> command) {
        request(command, answered(step, frame, Event.Failed::message));
    }

    /** As {@link #forStep(InOrder.Step, StompFrame, LongFunction)}, saying a refusal with {@code explain}. */
    void forStep(InOrder.Step step, StompFrame frame, LongFunction<Command> command,
            Function<Event.Failed, String> explain) {
        request(command, answered(step, frame, explain));
    }

    /** As {@link #forStep(InOrder.Step, StompFrame, LongFunction)} for a Send, whose body counts toward the bytes in flight. */
    void send(InOrder.Step step, StompFrame frame, int bodySize, LongFunction<Command> command) {
        Consumer<Event.Answer> then = answered(step, frame, Event.Failed::message);
        sendBytesInFlight += bodySize;
        request(command, answer -> {
            sendBytesInFlight -= bodySize;
            then.accept(answer);
        });
    }

    private Consumer<Event.Answer> answered(InOrder.Step step, StompFrame frame, Function<Event.Failed, String> explain) {
        step.hold();
        return answer -> {
            if (answer instanceof Event.Failed failed) {
                refusal.fail(explain.apply(failed), frame);
            } else {
                step.release();
            }
        };
    }

    /** A command the connection cannot do without: a Failed fails the connection. */
    void required(LongFunction<Command> command) {
        request(command, answer -> {
            if (answer instanceof Event.Failed failed) {
                refusal.fail(failed.message(), null);
            }
        });
    }

    /** A command whose refusal only matters to the log. */
    void optional(LongFunction<Command> command) {
        request(command, answer -> {
            if (answer instanceof Event.Failed failed) {
                LOG.debug("The broker refused a command of a STOMP connection: {}", failed.message());
            }
        });
    }

    /** A command whose answer no one waits for (GrantCredit is not answered at all). */
    void tell(LongFunction<Command> command) {
        connection.send(command.apply(++requestIds));
    }

    /** Hands an answer to what waits for it, and reads the socket again once enough is answered. */
    void answered(Event.Answer answer) {
        Consumer<Event.Answer> then = answers.remove(answer.requestId());
        if (then != null) {
            then.accept(answer);
            resumeReadingIfDrained();
        }
    }

    private void resumeReadingIfDrained() {
        if (mayResumeReading && !channel.config().isAutoRead() && answers.size() <= MAX_COMMANDS_IN_FLIGHT / 2
                && sendBytesInFlight <= maxSendBytesInFlight / 2) {
            channel.config().setAutoRead(true);
        }
    }

    /** The connection is closing: once paused, the socket is not read again. */
    void keepPaused() {
        mayResumeReading = false;
    }

    /** Releases everything of the broker connection (sessions, consumers; unacknowledged deliveries go back). */
    void abort() {
        if (connection != null) {
            connection.abort();
        }
    }

    /** Forgets every answer still awaited: the socket has closed. */
    void clear() {
        answers.clear();
    }
}
