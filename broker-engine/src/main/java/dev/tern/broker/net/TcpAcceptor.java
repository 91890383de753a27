package dev.tern.broker.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code tcp://host:port} (or {@code ssl://} with {@link TlsSettings}): accepts sockets and gives each one its own broker connection.
 * {@link #close()} closes every socket and stops the acceptor's threads before it returns.
 */
public final class TcpAcceptor implements AutoCloseable {

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
     * Binds and starts accepting.
     *
     * @param threadPrefix names the acceptor's threads, e.g. {@code tern-BROKER}
     * @throws IllegalStateException if the address cannot be bound, naming it
     * @throws IllegalArgumentException if the TLS stores cannot be read or used
     */
    public static TcpAcceptor start(BrokerEndpoint broker, TcpSettings settings, String threadPrefix) {
        EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory(threadPrefix + "-tcp-accept", true));
        EventLoopGroup workers = new NioEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory(threadPrefix + "-tcp-io", true));
        ChannelGroup channels = new DefaultChannelGroup("tern-tcp", ImmediateEventExecutor.INSTANCE);
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true);
            SslContext tls = settings.tls() == null ? null : ServerTls.context(settings.tls());
            bootstrap.childHandler(new BrokerChannelInitializer(broker, settings, channels, tls));
            ChannelFuture bound = bootstrap.bind(settings.host(), settings.port()).awaitUninterruptibly();
            if (!bound.isSuccess()) {
                throw new IllegalStateException("Cannot listen on " + settings.scheme() + "://" + settings.host() + ":" + settings.port()
                        + ": " + bound.cause().getMessage(), bound.cause());
            }
            Channel server = bound.channel();
            TcpAcceptor acceptor = new TcpAcceptor(boss, workers, server, channels);
            LOG.info("Listening on {}://{}:{}", settings.scheme(), settings.host(), acceptor.port);
            return acceptor;
        } catch (RuntimeException e) {
            shutdown(boss);
            shutdown(workers);
            throw e;
        }
    }

    /** The port listened on; the one picked if the settings asked for port 0. */
    public int port() {
        return port;
    }

    /** Sockets open now, including those that have not completed the handshake. */
    public int openChannels() {
        return channels.size();
    }

    /** Stops accepting new sockets; those open stay open. */
    public void stopAccepting() {
        serverChannel.close().awaitUninterruptibly(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Closes every socket, after the events queued for it are written, and stops the threads. */
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
            LOG.warn("TCP threads did not stop within {} s", STOP_TIMEOUT_SECONDS + 1);
        }
    }
}
