package dev.tern.amqp;

import dev.tern.broker.net.BrokerEndpoint;
import dev.tern.broker.net.TcpSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Collector;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Transport;
import org.apache.qpid.proton.engine.impl.TransportImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one socket's Proton transport on the channel's event loop: received bytes go into the transport,
 * the collector's events go to the {@link AmqpConnection}, and the transport's output goes to the socket.
 * A transport error (bad protocol header, malformed or oversized frame, frames out of order) closes this
 * socket alone, after Proton has written a close with the error where it could, and aborts the broker
 * connection so that nothing is left behind.
 */
final class AmqpTransportHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpTransportHandler.class);
    /** How long a closing connection waits for its last frames to be written and the peer's close. */
    private static final long CLOSE_GRACE_MILLIS = 2_000;
    /** The longest wait between two ticks, so that a peer's idle timeout learnt later is honoured in time. */
    private static final long MAX_TICK_MILLIS = 1_000;
    /** How long a socket may take to open its AMQP connection when the port has no idle timeout. */
    private static final long DEFAULT_OPEN_TIMEOUT_MILLIS = 60_000;

    /**
     * The largest AMQP frame, whatever larger size the port allows: Proton-J gives each connection an input
     * buffer of the whole maximum frame size, and AMQP carries larger messages in several frames anyway.
     */
    static final int MAX_AMQP_FRAME_SIZE = 256 * 1024;

    private final BrokerEndpoint broker;
    private final TcpSettings settings;
    private ChannelHandlerContext context;
    private Transport transport;
    private Collector collector;
    private AmqpConnection connection;
    private ScheduledFuture<?> tick;
    private long tickAt;
    private boolean closing;
    private boolean closeRequested;
    private boolean pumpScheduled;

    AmqpTransportHandler(BrokerEndpoint broker, TcpSettings settings) {
        this.broker = broker;
        this.settings = settings;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
        transport = Proton.transport();
        transport.setMaxFrameSize(maxFrameSize(settings));
        transport.setIdleTimeout(settings.idleTimeoutMillis());
        transport.setEmitFlowEventOnSend(false);
        if (transport instanceof TransportImpl impl) {
            impl.setProtocolTracer(new FrameOrderCheck());
        }
        Connection protonConnection = Proton.connection();
        collector = Proton.collector();
        protonConnection.collect(collector);
        connection = new AmqpConnection(this, protonConnection, transport, broker, settings);
        transport.bind(protonConnection);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        scheduleTick();
        long openTimeout = settings.idleTimeoutMillis() > 0 ? Math.max(1_000, settings.idleTimeoutMillis())
                : DEFAULT_OPEN_TIMEOUT_MILLIS;
        ctx.executor().schedule(() -> {
            if (!closing && !connection.isOpenedByPeer()) {
                LOG.info("AMQP connection from {} sent no open within {} ms", ctx.channel().remoteAddress(), openTimeout);
                fail("No open within " + openTimeout + " ms.");
            }
        }, openTimeout, TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!closing && msg instanceof ByteBuf buffer) {
                input(buffer);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void input(ByteBuf buffer) {
        try {
            while (buffer.isReadable() && !closing) {
                int capacity = transport.capacity();
                if (capacity <= 0) {
                    fail("the transport accepts no more input");
                    return;
                }
                int chunk = Math.min(capacity, buffer.readableBytes());
                ByteBuffer tail = transport.tail();
                int limit = buffer.readerIndex() + chunk;
                tail.put(buffer.nioBuffer(buffer.readerIndex(), chunk));
                buffer.readerIndex(limit);
                transport.process();
                pump();
            }
            tickEarlierIfDue();
        } catch (RuntimeException e) {
            LOG.info("AMQP connection from {} failed: {}", ctx().channel().remoteAddress(), e.toString());
            LOG.debug("AMQP input failure", e);
            fail(e.getMessage());
        }
    }

    /** Handles the collector's events, then writes what the transport has to send; runs on the event loop. */
    void pump() {
        try {
            Event event;
            while ((event = collector.peek()) != null) {
                try {
                    handle(event);
                } finally {
                    collector.pop();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("AMQP connection from {} failed", ctx().channel().remoteAddress(), e);
            fail("internal error: " + e);
            return;
        }
        flushOutput();
        if (closeRequested) {
            closeAfterFlush();
        }
    }

    /** Asks for the socket to close once the frames produced so far are written. */
    void requestClose() {
        closeRequested = true;
    }

    private void handle(Event event) {
        switch (event.getType()) {
            case TRANSPORT_ERROR -> {
                ErrorCondition condition = transport.getCondition();
                LOG.info("AMQP connection from {} refused: {}", ctx().channel().remoteAddress(),
                        condition == null ? "transport error" : condition.getDescription());
                connection.transportFailed();
                closeAfterFlush();
            }
            case TRANSPORT_TAIL_CLOSED -> {
                // After the peer's close the broker connection closes first; its answer writes our close and
                // then closes the socket (AmqpConnection.remoteClose). Any other end of input is a failure.
                if (!connection.isClosedByPeer()) {
                    connection.transportFailed();
                    closeAfterFlush();
                }
            }
            case TRANSPORT_CLOSED -> {
                connection.transportFailed();
                closeAfterFlush();
            }
            default -> connection.handle(event);
        }
    }

    private void flushOutput() {
        if (!ctx().channel().isOpen()) {
            return;
        }
        boolean wrote = false;
        while (true) {
            int pending = transport.pending();
            if (pending < 0) {
                if (wrote) {
                    ctx().flush();
                }
                closeAfterFlush();
                return;
            }
            if (pending == 0) {
                break;
            }
            ByteBuffer head = transport.head();
            ByteBuf out = ctx().alloc().buffer(pending);
            out.writeBytes(head.duplicate().limit(head.position() + pending));
            transport.pop(pending);
            ctx().write(out);
            wrote = true;
        }
        if (wrote) {
            ctx().flush();
        }
    }

    /**
     * A failure Proton did not turn into a close: close the transport with an error, flush, close the socket.
     */
    private void fail(String description) {
        if (closing) {
            return;
        }
        connection.transportFailed();
        try {
            if (transport.getCondition() == null) {
                transport.setCondition(new ErrorCondition(AmqpError.INTERNAL_ERROR, description));
            }
            transport.close_tail();
            flushOutput();
        } catch (RuntimeException e) {
            LOG.debug("Could not write a close after a failure", e);
        }
        closeAfterFlush();
    }

    /** Closes the socket once what was written is flushed, and at the latest after a grace period. */
    void closeAfterFlush() {
        if (closing) {
            return;
        }
        closing = true;
        ChannelHandlerContext ctx = ctx();
        // after the task that asked, so that the frames it still writes (a close with the error) go first
        ctx.executor().execute(() -> ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE));
        ctx.executor().schedule(() -> ctx.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    boolean isClosing() {
        return closing;
    }

    /**
     * Runs {@code task} on this socket's event loop, then pumps. Once the event loop has stopped (the
     * acceptor closed) the task is dropped: the socket is gone and the broker connection released.
     */
    void execute(Runnable task) {
        try {
            ctx().executor().execute(() -> run(task));
        } catch (RejectedExecutionException stopped) {
            LOG.debug("AMQP event loop stopped; a broker event for {} is dropped", ctx().channel().remoteAddress());
        }
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            if (!closing) {
                LOG.warn("AMQP connection from {} failed", ctx().channel().remoteAddress(), e);
                fail("internal error: " + e);
            }
            return;
        }
        schedulePump();
    }

    /**
     * Pumps once after the tasks already queued on the event loop, so that a burst of broker events (many
     * deliveries) is written with one flush.
     */
    private void schedulePump() {
        if (pumpScheduled || closing) {
            return;
        }
        pumpScheduled = true;
        ctx().executor().execute(() -> {
            pumpScheduled = false;
            if (!closing) {
                pump();
            }
        });
    }

    private void scheduleTick() {
        if (closing) {
            return;
        }
        long now = nowMillis();
        long next;
        try {
            next = transport.tick(now);
        } catch (RuntimeException e) {
            fail(e.getMessage());
            return;
        }
        pump();
        if (!closing) {
            long delay = next > 0 ? Math.max(1, Math.min(next - now, MAX_TICK_MILLIS)) : MAX_TICK_MILLIS;
            tickAt = now + delay;
            tick = ctx().executor().schedule(this::scheduleTick, delay, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Ticks at once when the transport's next deadline came forward, as when the peer's open asks for
     * frames more often than the tick already scheduled would send them.
     */
    private void tickEarlierIfDue() {
        if (closing || tick == null) {
            return;
        }
        long next = transport.tick(nowMillis());
        if (next > 0 && next < tickAt) {
            tick.cancel(false);
            scheduleTick();
        }
    }

    /** The port's maximum frame size, at most {@link #MAX_AMQP_FRAME_SIZE}. */
    static int maxFrameSize(TcpSettings settings) {
        return Math.min(settings.maxFrameSize(), MAX_AMQP_FRAME_SIZE);
    }

    private static long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closing = true;
        if (tick != null) {
            tick.cancel(false);
        }
        connection.socketClosed();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("AMQP socket {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    private ChannelHandlerContext ctx() {
        return context;
    }

    /** The peer's address, for the broker's audit log. */
    String remoteAddress() {
        return String.valueOf(ctx().channel().remoteAddress());
    }
}
