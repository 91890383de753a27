package dev.tern.broker.net;

import dev.tern.protocol.wire.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code tcp://host:port} (or {@code ssl://} with {@link TlsSettings}): accepts sockets and gives each one its own broker connection.
 * {@link #close()} closes every socket and stops the acceptor's threads before it returns.
 */
public final class TcpAcceptor implements ProtocolAcceptor {

    private static final Logger LOG = LoggerFactory.getLogger(TcpAcceptor.class);
    private static final long STOP_TIMEOUT_SECONDS = 5;

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ChannelGroup channels;
    private final Channel serverChannel;
    private final int port;

    private TcpAcceptor(EventLoopGroup bossGroup, EventLoopGroup workerGroup, Channel serverChannel, ChannelGroup channels) {
        this.bossGroup = bossGroup;
        this.channels = channels;
        this.workerGroup = workerGroup;
        this.serverChannel = serverChannel;
        this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * Binds and starts accepting Tern's own protocol.
     *
     * @param threadPrefix names the acceptor's threads, e.g. {@code tern-BROKER}
     * @throws IllegalStateException if the address cannot be bound, naming it
     * @throws IllegalArgumentException if the TLS stores cannot be read or used
     */
    public static TcpAcceptor start(BrokerEndpoint broker, TcpSettings settings, String threadPrefix) {
        BrokerChannelInitializer pipeline = new BrokerChannelInitializer(broker, settings);
        return serve(settings.scheme(), settings, threadPrefix + "-tcp", pipeline::initChannel);
    }

    /**
     * Binds and starts accepting sockets of any protocol. Each accepted socket joins the acceptor's
     * channels (closed by {@link #close()}) and, with TLS settings, gets an {@code SslHandler} first;
     * then {@code pipeline} adds the protocol's handlers.
     *
     * @param protocol names the port in the log and in errors: {@code tcp}, {@code amqp}, {@code stomp+ssl}
     * @param threadPrefix names the acceptor's threads, e.g. {@code tern-BROKER-amqp}
     * @throws IllegalStateException if the address cannot be bound, naming it
     * @throws IllegalArgumentException if the TLS stores cannot be read or used
     */
    public static TcpAcceptor serve(String protocol, TcpSettings settings, String threadPrefix,
            Consumer<SocketChannel> pipeline) {
        EventLoopGroup boss = NettyTransport.newGroup(1, new DefaultThreadFactory(threadPrefix + "-accept", true));
        EventLoopGroup workers = NettyTransport.newGroup(Math.max(1, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory(threadPrefix + "-io", true));
        ChannelGroup channels = new DefaultChannelGroup("tern-" + protocol, ImmediateEventExecutor.INSTANCE);
        try {
            SslContext tls = settings.tls() == null ? null : ServerTls.context(settings.tls());
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NettyTransport.serverChannel())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channels.add(channel);
                            if (tls != null) {
                                channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
                            }
                            pipeline.accept(channel);
                        }
                    });
            ChannelFuture bound = bootstrap.bind(settings.host(), settings.port()).awaitUninterruptibly();
            if (!bound.isSuccess()) {
                throw new IllegalStateException("Cannot listen on " + protocol + "://" + settings.host() + ":"
                        + settings.port() + ": " + bound.cause().getMessage(), bound.cause());
            }
            TcpAcceptor acceptor = new TcpAcceptor(boss, workers, bound.channel(), channels);
            LOG.info("Listening on {}://{}:{}", protocol, settings.host(), acceptor.port);
            return acceptor;
        } catch (RuntimeException e) {
            shutdown(boss);
            shutdown(workers);
            throw e;
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int openChannels() {
        return channels.size();
    }

    @Override
    public void stopAccepting() {
        serverChannel.close().awaitUninterruptibly(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        stopAccepting();
        channels.close().awaitUninterruptibly(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        shutdown(bossGroup);
        shutdown(workerGroup);
    }

    private static void shutdown(EventLoopGroup group) {
        if (!group.shutdownGracefully(0, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(STOP_TIMEOUT_SECONDS + 1, TimeUnit.SECONDS)) {
            LOG.warn("Acceptor threads did not stop within {} s", STOP_TIMEOUT_SECONDS + 1);
        }
    }
}
