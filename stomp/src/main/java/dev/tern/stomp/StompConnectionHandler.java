package dev.tern.stomp;

import dev.tern.broker.net.BrokerEndpoint;
import dev.tern.broker.session.ServerConnection;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import dev.tern.protocol.MessageRecord;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.stomp.DefaultStompFrame;
import io.netty.handler.codec.stomp.StompCommand;
import io.netty.handler.codec.stomp.StompFrame;
import io.netty.handler.codec.stomp.StompHeaders;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's end of one STOMP socket. It owns one {@link ServerConnection}: CONNECT opens it, each
 * SUBSCRIBE is a consumer in a session of its own, sends go through one session (or, inside BEGIN and
 * COMMIT, a transacted session per transaction), and the socket closing aborts it, releasing everything.
 *
 * <p>Threads: every field is used on the channel's event loop only. The broker's events arrive on its
 * threads and are handed to the event loop at once, in order.
 *
 * <p>Credit: a subscription may hold as many messages as its window ({@code activemq.prefetchSize}, default
 * {@value #DEFAULT_WINDOW}). With {@code ack:auto} a message's credit comes back once its frame is written to
 * the socket, so a client that reads slowly slows its subscription instead of filling the broker's memory;
 * with the client modes it comes back when the client ACKs or NACKs. Credit earned while the socket is
 * not writable (Netty's high water mark) is held back until it is.
 *
 * <p>Flow control the other way: while the broker has not answered {@value #MAX_COMMANDS_IN_FLIGHT} commands
 * of this connection, or sends whose bodies add up to the port's {@code maxInFlightFrameBytes}, the socket is
 * not read; a producer faster than the broker (or sending to a full queue) waits in TCP.
 *
 * <p>Errors: a frame the broker cannot accept gets an ERROR frame and the socket closes (STOMP allows
 * nothing else after an ERROR); the broker connection is aborted first, so nothing of it is left behind.
 */
final class StompConnectionHandler extends SimpleChannelInboundHandler<StompFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(StompConnectionHandler.class);

    static final int DEFAULT_WINDOW = 100;
    static final int MAX_WINDOW = 10_000;
    /** Commands given to the broker and not yet answered, beyond which the socket is not read. */
    static final int MAX_COMMANDS_IN_FLIGHT = 1_000;
    static final String SERVER = "Tern/" + version();
    private static final String[] VERSIONS = {"1.2", "1.1", "1.0"};
    private static final String[] PREFETCH_HEADERS = {"activemq.prefetchSize", "prefetch-count"};
    private static final String[] DURABLE_HEADERS = {"activemq.subscriptionName", "durable-subscription-name",
            "durable-subscriber-name"};
    private static final long SEND_SESSION = 1;

    private enum State { AWAITING_CONNECT, CONNECTED, DISCONNECTING, CLOSED }

    private final BrokerEndpoint broker;
    private final StompLimits limits;
    private final int idleTimeoutMillis;
    private final long maxSendBytesInFlight;
    private final StompDestinations destinations = new StompDestinations();
    private final Map<Long, Consumer<Event.Answer>> answers = new HashMap<>();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<Long, Subscription> byConsumer = new HashMap<>();
    private final Map<String, StompTransaction> transactions = new HashMap<>();
    private final Map<Subscription, List<Long>> writtenAutoAcks = new LinkedHashMap<>();
    /** Credit earned while the socket was not writable, granted once it is. */
    private final Map<Subscription, Integer> deferredCredit = new LinkedHashMap<>();
    private final String sessionName = "stomp-" + UUID.randomUUID();
    private final String messageIdPrefix = "ID:" + sessionName + ":";
    private Channel channel;
    private InOrder inOrder;
    private ServerConnection connection;
    private State state = State.AWAITING_CONNECT;
    private String version = "1.0";
    private long requestIds;
    private long sessionIds = SEND_SESSION;
    private long consumerIds;
    private long messageIds;
    private boolean autoAckFlushScheduled;
    /** Bytes of message bodies sent to the broker and not yet answered. */
    private long sendBytesInFlight;

    StompConnectionHandler(BrokerEndpoint broker, StompLimits limits, int idleTimeoutMillis, long maxSendBytesInFlight) {
        this.broker = broker;
        this.maxSendBytesInFlight = maxSendBytesInFlight;
        this.limits = limits;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        inOrder = new InOrder(this::writeReceipt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, StompFrame frame) {
        if (state == State.CLOSED || state == State.DISCONNECTING) {
            return;
        }
        if (!frame.decoderResult().isSuccess()) {
            fail("Malformed frame: " + reason(frame.decoderResult().cause()), frame);
            return;
        }
        try {
            handle(frame);
        } catch (StompException e) {
            fail(e.getMessage(), frame);
        }
    }

    private void handle(StompFrame frame) throws StompException {
        StompCommand command = frame.command();
        if (state == State.AWAITING_CONNECT) {
            if (command != StompCommand.CONNECT && command != StompCommand.STOMP) {
                throw new StompException("The first frame must be CONNECT or STOMP, was " + command + ".");
            }
            connect(frame);
            return;
        }
        switch (command) {
            case SEND -> send(frame);
            case SUBSCRIBE -> subscribe(frame);
            case UNSUBSCRIBE -> unsubscribe(frame);
            case ACK -> settle(frame, true);
            case NACK -> settle(frame, false);
            case BEGIN -> begin(frame);
            case COMMIT -> commit(frame);
            case ABORT -> abort(frame);
            case DISCONNECT -> disconnect(frame);
            case CONNECT, STOMP -> throw new StompException("The connection is already connected.");
            default -> throw new StompException("A client cannot send " + command + " frames.");
        }
    }

    // ---- CONNECT ----

    private void connect(StompFrame frame) throws StompException {
        StompHeaders headers = frame.headers();
        version = negotiateVersion(headers.getAsString(StompHeaders.ACCEPT_VERSION));
        HeartBeats heartBeats = HeartBeats.negotiate(headers.getAsString(StompHeaders.HEART_BEAT), idleTimeoutMillis);
        try {
            connection = broker.connect(this::fromBroker, () -> { });
        } catch (IllegalStateException e) {
            throw new StompException("The broker is not running: " + e.getMessage());
        }
        state = State.CONNECTED;
        String clientId = emptyToNull(headers.getAsString("client-id"));
        request(id -> new Command.OpenConnection(id, clientId, headers.getAsString(StompHeaders.LOGIN),
                headers.getAsString(StompHeaders.PASSCODE)), answer -> {
                    if (answer instanceof Event.Failed failed) {
                        fail(failed.code() == ErrorCode.SECURITY ? "Authentication failed: " + failed.message()
                                : failed.message(), frame);
                        return;
                    }
                    heartBeats.install(channel.pipeline());
                    DefaultStompFrame connected = new DefaultStompFrame(StompCommand.CONNECTED);
                    connected.headers().set(StompHeaders.VERSION, version);
                    connected.headers().set(StompHeaders.SERVER, SERVER);
                    connected.headers().set(StompHeaders.HEART_BEAT, HeartBeats.offered(idleTimeoutMillis));
                    connected.headers().set(StompHeaders.SESSION, sessionName);
                    channel.writeAndFlush(connected);
                });
        request(id -> new Command.CreateSession(id, SEND_SESSION, AckMode.AUTO), this::failIfRefused);
        request(Command.StartDelivery::new, this::failIfRefused);
    }

    private static String negotiateVersion(String accepted) throws StompException {
        if (accepted == null || accepted.isBlank()) {
            return "1.0";
        }
        for (String supported : VERSIONS) {
            for (String offered : accepted.split(",")) {
                if (offered.trim().equals(supported)) {
                    return supported;
                }
            }
        }
        throw new StompException("Supported protocol versions are 1.0 1.1 1.2; the client accepts " + accepted + ".");
    }

    // ---- SEND ----

    private void send(StompFrame frame) throws StompException {
        StompHeaders headers = frame.headers();
        DestinationName destination = destination(required(headers, StompHeaders.DESTINATION));
        InOrder.Step step = inOrder.start(headers.getAsString(StompHeaders.RECEIPT));
        MessageRecord message = MessageMapping.fromSend(headers, frame.content(), destination,
                messageIdPrefix + ++messageIds, connection.clock().millis(), this::destination,
                limits.maxHeaders());
        String transaction = headers.getAsString(StompHeaders.TRANSACTION);
        long session = transaction == null ? SEND_SESSION : transaction(transaction).sessionId(this::openTransactedSession);
        int size = message.bodySize();
        sendBytesInFlight += size;
        Consumer<Event.Answer> then = answered(step.hold(), frame);
        request(id -> new Command.Send(id, session, message), answer -> {
            sendBytesInFlight -= size;
            then.accept(answer);
        });
        step.release();
    }

    private long openTransactedSession() {
        long session = ++sessionIds;
        request(id -> new Command.CreateSession(id, session, AckMode.TRANSACTED), this::failIfRefused);
        return session;
    }

    /** Resolves a destination string, creating a temporary destination of this connection on first use. */
    private DestinationName destination(String text) throws StompException {
        StompDestinations.Resolved resolved = destinations.resolve(text);
        if (resolved.create()) {
            destinations.created(resolved.name());
            request(id -> new Command.CreateTemporaryDestination(id, resolved.name()), this::failIfRefused);
        }
        return resolved.name();
    }

    // ---- SUBSCRIBE / UNSUBSCRIBE ----

    private void subscribe(StompFrame frame) throws StompException {
        StompHeaders headers = frame.headers();
        String destinationText = required(headers, StompHeaders.DESTINATION);
        String id = "1.0".equals(version) && !headers.contains(StompHeaders.ID)
                ? destinationText : required(headers, StompHeaders.ID);
        if (subscriptions.containsKey(id)) {
            throw new StompException("Subscription " + id + " already exists on this connection.");
        }
        Subscription.AckMode ackMode = Subscription.AckMode.parse(headers.getAsString(StompHeaders.ACK));
        DestinationName destination = destination(destinationText);
        String durableName = firstOf(headers, DURABLE_HEADERS);
        boolean durable = durableName != null && !destination.type().isQueue();
        String selector = emptyToNull(headers.getAsString("selector"));
        ConsumerSpec spec = new ConsumerSpec(destination, selector, false, durable ? durableName : null, durable, false);
        int window = window(headers);
        long session = ++sessionIds;
        long consumer = ++consumerIds;
        Subscription subscription = new Subscription(id, session, consumer, ackMode, durable ? durableName : null);
        subscriptions.put(id, subscription);
        byConsumer.put(consumer, subscription);
        InOrder.Step step = inOrder.start(headers.getAsString(StompHeaders.RECEIPT));
        request(r -> new Command.CreateSession(r, session,
                ackMode == Subscription.AckMode.AUTO ? AckMode.AUTO : AckMode.CLIENT), answered(step.hold(), frame));
        step.hold();
        request(r -> new Command.CreateConsumer(r, session, consumer, spec, window), answer -> {
            if (answer instanceof Event.Failed failed) {
                fail(failed.code() == ErrorCode.INVALID_SELECTOR
                        ? "Invalid selector '" + selector + "': " + failed.message() : failed.message(), frame);
            } else {
                step.release();
            }
        });
        step.release();
    }

    private static int window(StompHeaders headers) throws StompException {
        String text = firstOf(headers, PREFETCH_HEADERS);
        if (text == null) {
            return DEFAULT_WINDOW;
        }
        try {
            return Math.max(1, Math.min(MAX_WINDOW, Integer.parseInt(text.trim())));
        } catch (NumberFormatException e) {
            throw new StompException("The prefetch header must be a number, was '" + text + "'.");
        }
    }

    private void unsubscribe(StompFrame frame) throws StompException {
        StompHeaders headers = frame.headers();
        String durableName = firstOf(headers, DURABLE_HEADERS);
        String id = headers.getAsString(StompHeaders.ID);
        if (id == null) {
            id = headers.getAsString(StompHeaders.DESTINATION);
        }
        if (id == null && durableName == null) {
            throw new StompException("UNSUBSCRIBE needs an id header.");
        }
        Subscription subscription = id == null ? null : subscriptions.remove(id);
        if (subscription == null && durableName == null) {
            throw new StompException("There is no subscription " + id + " on this connection.");
        }
        InOrder.Step step = inOrder.start(headers.getAsString(StompHeaders.RECEIPT));
        if (subscription != null) {
            closeSubscription(subscription, step, frame);
        }
        if (durableName != null) {
            request(r -> new Command.Unsubscribe(r, durableName), answered(step.hold(), frame));
        }
        step.release();
    }

    /** Closes a subscription's session; what the client holds unacknowledged goes back as delivered once more. */
    private void closeSubscription(Subscription subscription, InOrder.Step step, StompFrame frame) {
        byConsumer.remove(subscription.consumerId);
        writtenAutoAcks.remove(subscription);
        deferredCredit.remove(subscription);
        List<Long> held = subscription.unacknowledged();
        request(r -> new Command.CloseSession(r, subscription.sessionId, held), answered(step.hold(), frame));
    }

    // ---- deliveries ----

    private void deliver(Event.Deliver delivery) {
        Subscription subscription = byConsumer.get(delivery.consumerId());
        if (subscription == null) {
            return; // closed: the broker takes its deliveries back
        }
        MessageRecord message = delivery.message();
        String messageId = message.messageId() != null ? message.messageId() : "ID:delivery-" + delivery.deliveryId();
        MessageMapping.Body body;
        try {
            body = MessageMapping.body(message);
        } catch (RuntimeException e) {
            LOG.warn("Cannot convert {} for STOMP: {}", message, e.getMessage());
            body = new MessageMapping.Body(message.body(), null);
        }
        DefaultStompFrame frame = new DefaultStompFrame(StompCommand.MESSAGE, Unpooled.wrappedBuffer(body.bytes()));
        StompHeaders headers = frame.headers();
        headers.set(StompHeaders.SUBSCRIPTION, subscription.id);
        headers.set(StompHeaders.MESSAGE_ID, MessageMapping.headerValue(messageId));
        headers.set(StompHeaders.DESTINATION, destinations.render(message.destination()));
        if (subscription.ackMode != Subscription.AckMode.AUTO) {
            headers.set(StompHeaders.ACK, Long.toString(delivery.deliveryId()));
        }
        headers.set(StompHeaders.CONTENT_LENGTH, Integer.toString(body.bytes().length));
        MessageMapping.addHeaders(headers, message, delivery.deliveryCount(), destinations::render, body.contentType());
        if (subscription.ackMode == Subscription.AckMode.AUTO) {
            channel.writeAndFlush(frame).addListener(written -> {
                if (written.isSuccess()) {
                    autoAcknowledge(subscription, delivery.deliveryId());
                }
            });
        } else {
            subscription.written(delivery.deliveryId(), messageId);
            channel.writeAndFlush(frame);
        }
    }

    /** An ack:auto message is on the socket: acknowledge it and give its credit back, batched per turn of the loop. */
    private void autoAcknowledge(Subscription subscription, long deliveryId) {
        if (state != State.CONNECTED || !byConsumer.containsKey(subscription.consumerId)) {
            return;
        }
        writtenAutoAcks.computeIfAbsent(subscription, s -> new ArrayList<>()).add(deliveryId);
        if (!autoAckFlushScheduled) {
            autoAckFlushScheduled = true;
            channel.eventLoop().execute(this::flushAutoAcks);
        }
    }

    private void flushAutoAcks() {
        autoAckFlushScheduled = false;
        if (state != State.CONNECTED) {
            return;
        }
        writtenAutoAcks.forEach((subscription, ids) -> {
            request(id -> new Command.Acknowledge(id, subscription.sessionId, ids), this::logIfRefused);
            grantCredit(subscription, ids.size());
        });
        writtenAutoAcks.clear();
    }

    /** Gives a subscription credit back, or, while the socket cannot take more, keeps it until it can. */
    private void grantCredit(Subscription subscription, int credit) {
        if (credit <= 0 || !byConsumer.containsKey(subscription.consumerId)) {
            return;
        }
        if (!channel.isWritable()) {
            deferredCredit.merge(subscription, credit, Integer::sum);
            return;
        }
        connection.send(new Command.GrantCredit(++requestIds, subscription.sessionId, subscription.consumerId, credit));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (channel.isWritable() && state == State.CONNECTED && !deferredCredit.isEmpty()) {
            Map<Subscription, Integer> due = new LinkedHashMap<>(deferredCredit);
            deferredCredit.clear();
            due.forEach(this::grantCredit);
        }
        ctx.fireChannelWritabilityChanged();
    }

    // ---- ACK / NACK ----

    private void settle(StompFrame frame, boolean ack) throws StompException {
        StompHeaders headers = frame.headers();
        String id = headers.getAsString(StompHeaders.ID);
        if (id == null) {
            id = headers.getAsString(StompHeaders.MESSAGE_ID);
        }
        if (id == null) {
            throw new StompException(frame.command() + " needs an id header (message-id before STOMP 1.2).");
        }
        Subscription subscription = null;
        long deliveryId = -1;
        String subscriptionId = headers.getAsString(StompHeaders.SUBSCRIPTION);
        for (Subscription candidate : subscriptions.values()) {
            if (subscriptionId != null && !subscriptionId.equals(candidate.id)) {
                continue;
            }
            Long found = deliveryIn(candidate, id);
            if (found != null) {
                subscription = candidate;
                deliveryId = found;
                break;
            }
        }
        if (subscription == null && wasRevoked(id)) {
            inOrder.start(headers.getAsString(StompHeaders.RECEIPT)).release();
            return; // the broker took it back (visibility timeout) and gave it to another consumer
        }
        if (subscription == null) {
            throw new StompException(frame.command() + " of " + id
                    + ", which is no unacknowledged message of this connection's subscriptions.");
        }
        List<Long> settled = subscription.settle(deliveryId);
        String transactionId = headers.getAsString(StompHeaders.TRANSACTION);
        InOrder.Step step = inOrder.start(headers.getAsString(StompHeaders.RECEIPT));
        if (transactionId != null) {
            transaction(transactionId).settled(subscription, settled, ack);
        } else {
            settleNow(subscription, settled, ack, answered(step.hold(), frame));
        }
        step.release();
    }

    private boolean wasRevoked(String id) {
        try {
            long deliveryId = Long.parseLong(id);
            return subscriptions.values().stream().anyMatch(candidate -> candidate.forgetRevoked(deliveryId));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Long deliveryIn(Subscription subscription, String id) {
        if (!id.startsWith("ID:")) {
            try {
                long deliveryId = Long.parseLong(id);
                return subscription.holds(deliveryId) ? deliveryId : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return subscription.deliveryOf(id);
    }

    /** Acknowledges or rejects deliveries and gives their credit back; NACKed ones count a failed attempt. */
    private void settleNow(Subscription subscription, List<Long> ids, boolean ack, Consumer<Event.Answer> then) {
        if (!byConsumer.containsKey(subscription.consumerId)) {
            then.accept(new Event.Ok(0)); // the subscription closed meanwhile: its deliveries went back then
            return;
        }
        request(id -> ack ? new Command.Acknowledge(id, subscription.sessionId, ids)
                : new Command.Release(id, subscription.sessionId, ids, true), then);
        grantCredit(subscription, ids.size());
    }

    // ---- transactions ----

    private StompTransaction transaction(String id) throws StompException {
        StompTransaction transaction = transactions.get(id);
        if (transaction == null) {
            throw new StompException("There is no transaction " + id + " on this connection.");
        }
        return transaction;
    }

    private void begin(StompFrame frame) throws StompException {
        String id = required(frame.headers(), StompHeaders.TRANSACTION);
        if (transactions.containsKey(id)) {
            throw new StompException("Transaction " + id + " has already begun.");
        }
        transactions.put(id, new StompTransaction(id));
        inOrder.start(frame.headers().getAsString(StompHeaders.RECEIPT)).release();
    }

    private void commit(StompFrame frame) throws StompException {
        StompTransaction transaction = transaction(required(frame.headers(), StompHeaders.TRANSACTION));
        transactions.remove(transaction.id());
        InOrder.Step step = inOrder.start(frame.headers().getAsString(StompHeaders.RECEIPT));
        if (transaction.hasSession()) {
            request(id -> new Command.Commit(id, transaction.session(), List.of()), answered(step.hold(), frame));
            request(id -> new Command.CloseSession(id, transaction.session(), List.of()), this::logIfRefused);
        }
        for (StompTransaction.Settlement settlement : transaction.settlements()) {
            settleNow(settlement.subscription(), settlement.deliveryIds(), settlement.ack(), answered(step.hold(), frame));
        }
        step.release();
    }

    private void abort(StompFrame frame) throws StompException {
        StompTransaction transaction = transaction(required(frame.headers(), StompHeaders.TRANSACTION));
        transactions.remove(transaction.id());
        InOrder.Step step = inOrder.start(frame.headers().getAsString(StompHeaders.RECEIPT));
        if (transaction.hasSession()) {
            request(id -> new Command.CloseSession(id, transaction.session(), List.of()), answered(step.hold(), frame));
        }
        for (StompTransaction.Settlement settlement : transaction.settlements()) {
            settleNow(settlement.subscription(), settlement.deliveryIds(), false, answered(step.hold(), frame));
        }
        step.release();
    }

    // ---- DISCONNECT ----

    private void disconnect(StompFrame frame) {
        state = State.DISCONNECTING;
        String receipt = frame.headers().getAsString(StompHeaders.RECEIPT);
        inOrder.afterAll(() -> {
            returnHeldAsDelivered();
            closeConnection(receipt);
        });
    }

    /**
     * Closes the client-ack subscriptions' sessions, so that the messages the client was given and did
     * not acknowledge go back counted as delivered (redelivered:true next time), as JMS does; closing the
     * connection alone would return them as never delivered.
     */
    private void returnHeldAsDelivered() {
        for (Subscription subscription : subscriptions.values()) {
            List<Long> held = subscription.unacknowledged();
            if (!held.isEmpty()) {
                connection.send(new Command.CloseSession(++requestIds, subscription.sessionId, held));
            }
        }
    }

    private void closeConnection(String receipt) {
        request(Command.CloseConnection::new, answer -> {
            state = State.CLOSED;
            if (receipt != null) {
                DefaultStompFrame done = new DefaultStompFrame(StompCommand.RECEIPT);
                done.headers().set(StompHeaders.RECEIPT_ID, receipt);
                channel.writeAndFlush(done).addListener(ChannelFutureListener.CLOSE);
            } else {
                channel.close();
            }
        });
    }

    // ---- broker events ----

    /** Called by the broker with its locks held: only hands the event to the event loop. */
    private void fromBroker(Event event) {
        try {
            channel.eventLoop().execute(() -> onEvent(event));
        } catch (RejectedExecutionException e) {
            LOG.debug("Dropped {}: the socket's event loop has stopped", event.getClass().getSimpleName());
        }
    }

    private void onEvent(Event event) {
        if (event instanceof Event.Answer answer) {
            Consumer<Event.Answer> then = answers.remove(answer.requestId());
            if (then != null && state != State.CLOSED) {
                then.accept(answer);
                resumeReadingIfDrained();
            }
        } else if (state != State.CONNECTED && state != State.DISCONNECTING) {
            return;
        } else if (event instanceof Event.Deliver delivery) {
            deliver(delivery);
        } else if (event instanceof Event.DeliveryRevoked revoked) {
            Subscription subscription = byConsumer.get(revoked.consumerId());
            if (subscription != null && subscription.revoked(revoked.deliveryId())) {
                grantCredit(subscription, 1);
            }
        } else if (event instanceof Event.ConnectionClosed closed) {
            fail("The broker closed the connection: " + closed.message(), null);
        }
    }

    // ---- requests and answers ----

    private void request(java.util.function.LongFunction<Command> command, Consumer<Event.Answer> then) {
        long id = ++requestIds;
        answers.put(id, then);
        connection.send(command.apply(id));
        if (channel.config().isAutoRead() && (answers.size() >= MAX_COMMANDS_IN_FLIGHT
                || sendBytesInFlight >= maxSendBytesInFlight)) {
            channel.config().setAutoRead(false);
        }
    }

    /** Reads the socket again once the broker has answered enough of what it was given. */
    private void resumeReadingIfDrained() {
        if (!channel.config().isAutoRead() && (state == State.CONNECTED || state == State.AWAITING_CONNECT)
                && answers.size() <= MAX_COMMANDS_IN_FLIGHT / 2 && sendBytesInFlight <= maxSendBytesInFlight / 2) {
            channel.config().setAutoRead(true);
        }
    }

    /** Releases a step when the answer is Ok; fails the connection, naming the frame, when it is not. */
    private Consumer<Event.Answer> answered(InOrder.Step step, StompFrame frame) {
        return answer -> {
            if (answer instanceof Event.Failed failed) {
                fail(failed.message(), frame);
            } else {
                step.release();
            }
        };
    }

    private void failIfRefused(Event.Answer answer) {
        if (answer instanceof Event.Failed failed) {
            fail(failed.message(), null);
        }
    }

    private void logIfRefused(Event.Answer answer) {
        if (answer instanceof Event.Failed failed) {
            LOG.debug("The broker refused a command of a STOMP connection: {}", failed.message());
        }
    }

    private void writeReceipt(String receipt) {
        if (state == State.CLOSED) {
            return;
        }
        DefaultStompFrame frame = new DefaultStompFrame(StompCommand.RECEIPT);
        frame.headers().set(StompHeaders.RECEIPT_ID, receipt);
        channel.writeAndFlush(frame);
    }

    // ---- errors and closing ----

    /**
     * Answers with an ERROR frame (naming the frame's receipt, if it asked for one), releases the broker
     * connection and closes the socket once the ERROR is written.
     */
    private void fail(String message, StompFrame cause) {
        if (state == State.CLOSED) {
            return;
        }
        LOG.info("Closing STOMP connection from {}: {}", channel.remoteAddress(), message);
        closeBrokerConnection();
        DefaultStompFrame error = new DefaultStompFrame(StompCommand.ERROR,
                Unpooled.copiedBuffer(message, StandardCharsets.UTF_8));
        error.headers().set(StompHeaders.MESSAGE, firstLine(message));
        error.headers().set(StompHeaders.CONTENT_TYPE, "text/plain;charset=UTF-8");
        error.headers().set(StompHeaders.CONTENT_LENGTH, Integer.toString(error.content().readableBytes()));
        String receipt = cause == null || !cause.decoderResult().isSuccess() ? null
                : cause.headers().getAsString(StompHeaders.RECEIPT);
        if (receipt != null) {
            error.headers().set(StompHeaders.RECEIPT_ID, MessageMapping.headerValue(receipt));
        }
        channel.config().setAutoRead(false);
        channel.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
    }

    private void closeBrokerConnection() {
        if (state == State.CONNECTED || state == State.DISCONNECTING) {
            returnHeldAsDelivered();
        }
        state = State.CLOSED;
        inOrder.clear();
        subscriptions.clear();
        byConsumer.clear();
        transactions.clear();
        writtenAutoAcks.clear();
        deferredCredit.clear();
        if (connection != null) {
            connection.abort();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state != State.CLOSED) {
            closeBrokerConnection();
        }
        answers.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE && !ctx.channel().config().isAutoRead()) {
                LOG.debug("Not reading {} while the broker catches up; its silence is ours", ctx.channel().remoteAddress());
            } else if (idle.state() == IdleState.READER_IDLE) {
                fail(state == State.AWAITING_CONNECT ? "No CONNECT frame arrived in time."
                        : "No frame or heart-beat arrived in time.", null);
            } else if (idle.state() == IdleState.WRITER_IDLE && state == State.CONNECTED) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'\n'}));
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof PrematureChannelClosureException || state == State.CLOSED) {
            LOG.debug("STOMP connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        } else if (cause instanceof TooLongFrameException || cause.getCause() instanceof TooLongFrameException) {
            fail("Frame too large: " + reason(cause), null);
        } else if (cause instanceof DecoderException) {
            fail("Malformed frame: " + reason(cause), null);
        } else {
            LOG.warn("STOMP connection from {} failed", ctx.channel().remoteAddress(), cause);
            fail("The broker failed: " + cause, null);
        }
    }

    // ---- helpers ----

    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    private static String required(StompHeaders headers, CharSequence name) throws StompException {
        String value = headers.getAsString(name);
        if (value == null || value.isEmpty()) {
            throw new StompException("The frame needs a " + name + " header.");
        }
        return value;
    }

    private static String firstOf(StompHeaders headers, String[] names) {
        for (String name : names) {
            String value = emptyToNull(headers.getAsString(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line.replace('\r', ' ').replace('\0', ' ');
    }

    private static String version() {
        String version = StompHead.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
