package dev.tern.jms.provider;

import dev.tern.protocol.Command;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import dev.tern.protocol.wire.HeartbeatHandler;
import dev.tern.protocol.wire.Hello;
import dev.tern.protocol.wire.NettyTransport;
import dev.tern.protocol.wire.OrderedWriter;
import dev.tern.protocol.wire.WireException;
import dev.tern.protocol.wire.WireFormat;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider for {@code tcp://host:port} and {@code ssl://host:port}: commands and events travel as frames over one socket (see
 * {@link WireFormat}). Each provider has one daemon event loop thread, which delivers the broker's
 * events to the {@link ProviderListener} and stops when the connection closes or is lost. When the link
 * fails, every waiting request fails with a {@link ProviderException} and the listener is told once.
 */
public final class NettyProvider implements Provider {

    private static final Logger LOG = LoggerFactory.getLogger(NettyProvider.class);
    private static final AtomicInteger NUMBERS = new AtomicInteger();
    private static final long STOP_TIMEOUT_SECONDS = 5;

    private final RequestTracker requests = new RequestTracker();
    private final ProviderListener listener;
    private final String address;
    private final EventLoopGroup group;
    private final CompletableFuture<Hello> greeting = new CompletableFuture<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final Channel channel;
    private final OrderedWriter writer;

    /**
     * Connects and completes the handshake.
     *
     * @throws ProviderException if the broker cannot be reached, does not answer in time, or speaks
     *     another protocol version
     */
    public NettyProvider(String host, int port, TcpClientSettings settings, ProviderListener listener) {
        this.listener = listener;
        this.address = (settings.tls() == null ? "tcp://" : "ssl://") + host + ":" + port;
        ClientTls tls = settings.tls() == null ? null : ClientTls.of(settings.tls());
        this.group = NettyTransport.newGroup(1, new DefaultThreadFactory("tern-tcp-client-" + NUMBERS.incrementAndGet(), true));
        try {
            ChannelFuture connected = new Bootstrap()
                    .group(group)
                    .channel(NettyTransport.socketChannel())
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeoutMillis()))
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.SO_KEEPALIVE, true)
                    .handler(new ClientChannelInitializer(settings, tls, host, port, new Handler(settings)))
                    .connect(host, port);
            if (!connected.awaitUninterruptibly(settings.connectTimeoutMillis() + 1_000) || !connected.isSuccess()) {
                throw new ProviderException(ErrorCode.ILLEGAL_STATE, "Could not connect to the broker at " + address
                        + ": " + (connected.cause() == null ? "timed out" : connected.cause().getMessage()));
            }
            this.channel = connected.channel();
            this.writer = new OrderedWriter(channel);
            writer.write(Hello.current(settings.idleTimeoutMillis()), null);
            awaitGreeting(settings.connectTimeoutMillis());
        } catch (RuntimeException e) {
            down.set(true);
            stopThreads();
            throw e;
        }
    }

    private void awaitGreeting(long timeoutMillis) {
        try {
            greeting.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ProviderException(ErrorCode.ILLEGAL_STATE, "The broker at " + address
                    + " did not answer the handshake within " + timeoutMillis + " ms; is it a Tern broker?");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ProviderException refused ? refused
                    : new ProviderException(ErrorCode.ILLEGAL_STATE, "Handshake with " + address + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ErrorCode.ILLEGAL_STATE, "Interrupted while connecting to " + address);
        }
    }

    @Override
    public CompletableFuture<Event> request(LongFunction<Command> command) {
        RequestTracker.Pending pending = requests.open();
        if (!pending.answer().isDone()) {
            long requestId = pending.requestId();
            boolean queued = writer.write(command.apply(requestId), written -> {
                if (!written.isSuccess()) {
                    requests.fail(requestId, writeFailure(written.cause()));
                }
            });
            if (!queued) {
                requests.fail(requestId, RequestTracker.closed());
            }
        }
        return pending.answer();
    }

    @Override
    public void post(LongFunction<Command> command) {
        writer.write(command.apply(Command.UNANSWERED), null);
    }

    /** True from the moment the link is known lost, before waiting requests fail. */
    @Override
    public boolean isDown() {
        return down.get();
    }

    /** The system clock: a remote broker's clock cannot be shared. */
    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** Closes the socket, fails waiting requests and stops the event loop thread before returning. */
    @Override
    public void abort() {
        down.set(true);
        requests.failAll(RequestTracker.closed());
        channel.close();
        stopThreads();
    }

    private void stopThreads() {
        var terminated = group.shutdownGracefully(0, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!group.next().inEventLoop() && !terminated.awaitUninterruptibly(STOP_TIMEOUT_SECONDS + 1, TimeUnit.SECONDS)) {
            LOG.warn("The event loop of the connection to {} did not stop within {} s", address, STOP_TIMEOUT_SECONDS + 1);
        }
    }

    private ProviderException writeFailure(Throwable cause) {
        WireException wire = WireException.in(cause);
        if (wire != null) {
            return new ProviderException(ErrorCode.INVALID_ARGUMENT, wire.getMessage());
        }
        String message = "Could not send to the broker at " + address + ": " + cause;
        // A frame that failed to be written was not executed, as a partial frame is never decoded.
        return channel.isActive() ? new ProviderException(ErrorCode.ILLEGAL_STATE, message)
                : LinkLostException.beforeSending(ErrorCode.ILLEGAL_STATE, message);
    }

    private void onEvent(Event event) {
        EventRouter.route(event, requests, listener, cause -> {
            greeting.completeExceptionally(cause);
            lost(cause);
        });
    }

    /**
     * Tells the listener, then fails everything once, then lets the event loop stop; the listener
     * learns first so that a request retried on failure meets a connection that knows it is lost. A failure during
     * the handshake is not told to the listener: the constructor throws it instead.
     */
    private void lost(ProviderException cause) {
        if (down.compareAndSet(false, true)) {
            if (!greeting.isCompletedExceptionally()) {
                listener.onConnectionLost(cause);
            }
            requests.failAll(cause);
            group.shutdownGracefully(0, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** The end of the pipeline: the handshake, then events, then the end of the link. */
    private final class Handler extends SimpleChannelInboundHandler<Object> {

        private final TcpClientSettings settings;
        private boolean warned;

        Handler(TcpClientSettings settings) {
            this.settings = settings;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Event event) {
                onEvent(event);
                if (event instanceof Event.ConnectionClosed) {
                    ctx.close();
                }
            } else if (msg instanceof Hello hello) {
                if (hello.isCurrentVersion()) {
                    HeartbeatHandler.startSending(ctx.pipeline(), settings.idleTimeoutMillis(), hello.idleTimeoutMillis());
                    greeting.complete(hello);
                } else {
                    greeting.completeExceptionally(new ProviderException(ErrorCode.ILLEGAL_STATE, "The broker at "
                            + address + " speaks protocol version " + hello.version() + "; this client speaks version "
                            + WireFormat.VERSION + ". Use a client of the broker's version."));
                    ctx.close();
                }
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
                greeting.completeExceptionally(new ProviderException(ErrorCode.SECURITY, "TLS handshake with "
                        + address + " failed: " + handshake.cause().getMessage() + ". Check that jms.trustStore holds "
                        + "the broker's certificate, that the certificate names the host (or jms.verifyHostName=false "
                        + "for tests), and that the broker serves TLS on this port."));
                ctx.close();
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ProviderException cause = new LinkLostException(ErrorCode.ILLEGAL_STATE,
                    "Lost the connection to the broker at " + address + ".");
            greeting.completeExceptionally(cause);
            lost(cause);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!warned && !down.get() && !greeting.isDone()) {
                warned = true;
                LOG.debug("Connection to {} failed during the handshake: {}", address, cause.toString());
            } else if (!warned && !down.get()) {
                warned = true;
                WireException wire = WireException.in(cause);
                if (wire != null) {
                    LOG.warn("Closing the connection to {}: {}", address, wire.getMessage());
                } else if (cause instanceof IOException) {
                    LOG.debug("Connection to {} failed: {}", address, cause.toString());
                } else {
                    LOG.warn("Closing the connection to {}: {}", address, cause.toString(), cause);
                }
            }
            ctx.close();
        }
    }
}
