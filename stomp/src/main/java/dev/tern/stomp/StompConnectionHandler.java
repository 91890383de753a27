package dev.tern.stomp;

import dev.tern.broker.net.BrokerEndpoint;
import dev.tern.broker.net.ChannelOrigin;
import dev.tern.broker.session.ServerConnection;
import dev.tern.protocol.Command;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import dev.tern.protocol.InVmConnector;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.stomp.StompCommand;
import io.netty.handler.codec.stomp.StompFrame;
import io.netty.handler.codec.stomp.StompHeaders;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's end of one STOMP socket: the connection's life (CONNECT, DISCONNECT, errors, the socket
 * closing) and the routing of client frames and broker events to {@link Sends}, {@link Subscriptions}
 * and {@link Transactions}, which give their commands through {@link BrokerRequests}. It owns one
 * {@link ServerConnection}: CONNECT opens it, and the socket closing aborts it, releasing everything.
 *
 * <p>Threads: everything here is used on the channel's event loop only. The broker's events arrive on
 * its threads and are handed to the event loop at once, in order.
 *
 * <p>Errors: a frame the broker cannot accept gets an ERROR frame and the socket closes (STOMP allows
 * nothing else after an ERROR); the broker connection is aborted first, so nothing of it is left behind.
 */
final class StompConnectionHandler extends SimpleChannelInboundHandler<StompFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(StompConnectionHandler.class);

    private static final String[] VERSIONS = {"1.2", "1.1", "1.0"};

    private enum State { AWAITING_CONNECT, CONNECTED, DISCONNECTING, CLOSED }

    private final BrokerEndpoint broker;
    private final StompLimits limits;
    private final int idleTimeoutMillis;
    private final long maxSendBytesInFlight;
    private final String sessionName = "stomp-" + UUID.randomUUID();
    private Channel channel;
    private InOrder inOrder;
    private BrokerRequests requests;
    private SubscriptionCredit credit;
    private Subscriptions subscriptions;
    private Transactions transactions;
    private Sends sends;
    private State state = State.AWAITING_CONNECT;
    private String version = "1.0";

    StompConnectionHandler(BrokerEndpoint broker, StompLimits limits, int idleTimeoutMillis, long maxSendBytesInFlight) {
        this.broker = broker;
        this.limits = limits;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.maxSendBytesInFlight = maxSendBytesInFlight;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        inOrder = new InOrder(this::writeReceipt);
        requests = new BrokerRequests(channel, maxSendBytesInFlight, this::fail);
        StompDestinations destinations = new StompDestinations(
                temporary -> requests.required(id -> new Command.CreateTemporaryDestination(id, temporary)));
        credit = new SubscriptionCredit(channel, requests, () -> state == State.CONNECTED);
        subscriptions = new Subscriptions(channel, requests, inOrder, destinations, credit);
        transactions = new Transactions(requests, inOrder, subscriptions);
        sends = new Sends(requests, inOrder, destinations, transactions, limits, sessionName);
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
            case SEND -> sends.send(frame);
            case SUBSCRIBE -> subscriptions.subscribe(frame, version);
            case UNSUBSCRIBE -> subscriptions.unsubscribe(frame);
            case ACK -> subscriptions.settle(frame, true, transactions);
            case NACK -> subscriptions.settle(frame, false, transactions);
            case BEGIN -> transactions.begin(frame);
            case COMMIT -> transactions.commit(frame);
            case ABORT -> transactions.abort(frame);
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
            requests.attach(broker.connect(InVmConnector.EventListener.queuing(this::fromBroker),
                    ChannelOrigin.of(channel), () -> { }));
        } catch (IllegalStateException e) {
            throw new StompException("The broker is not running: " + e.getMessage());
        }
        state = State.CONNECTED;
        String clientId = FrameHeaders.optional(headers, "client-id");
        requests.request(id -> new Command.OpenConnection(id, clientId, headers.getAsString(StompHeaders.LOGIN),
                headers.getAsString(StompHeaders.PASSCODE)), answer -> {
                    if (answer instanceof Event.Failed failed) {
                        fail(failed.code() == ErrorCode.SECURITY ? "Authentication failed: " + failed.message()
                                : failed.message(), frame);
                        return;
                    }
                    heartBeats.install(channel.pipeline());
                    channel.writeAndFlush(ServerFrames.connected(version, HeartBeats.offered(idleTimeoutMillis),
                            sessionName));
                });
        sends.open();
        requests.required(Command.StartDelivery::new);
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

    // ---- DISCONNECT ----

    private void disconnect(StompFrame frame) {
        state = State.DISCONNECTING;
        requests.keepPaused();
        String receipt = FrameHeaders.receipt(frame);
        inOrder.afterAll(() -> {
            subscriptions.returnHeldAsDelivered();
            requests.request(Command.CloseConnection::new, answer -> {
                state = State.CLOSED;
                if (receipt != null) {
                    channel.writeAndFlush(ServerFrames.receipt(receipt)).addListener(ChannelFutureListener.CLOSE);
                } else {
                    channel.close();
                }
            });
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
            if (state != State.CLOSED) {
                requests.answered(answer);
            }
        } else if (state != State.CONNECTED && state != State.DISCONNECTING) {
            return;
        } else if (event instanceof Event.Deliver delivery) {
            subscriptions.deliver(delivery);
        } else if (event instanceof Event.DeliveryRevoked revoked) {
            subscriptions.revoked(revoked);
        } else if (event instanceof Event.ConnectionClosed closed) {
            fail("The broker closed the connection: " + closed.message(), null);
        }
    }

    private void writeReceipt(String receipt) {
        if (state != State.CLOSED) {
            channel.writeAndFlush(ServerFrames.receipt(receipt));
        }
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
        channel.config().setAutoRead(false);
        channel.writeAndFlush(ServerFrames.error(message, cause)).addListener(ChannelFutureListener.CLOSE);
    }

    private void closeBrokerConnection() {
        if (state == State.CONNECTED || state == State.DISCONNECTING) {
            subscriptions.returnHeldAsDelivered();
        }
        state = State.CLOSED;
        requests.keepPaused();
        inOrder.clear();
        subscriptions.clear();
        transactions.clear();
        requests.abort();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state != State.CLOSED) {
            closeBrokerConnection();
        }
        requests.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        credit.writabilityChanged();
        ctx.fireChannelWritabilityChanged();
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
}
