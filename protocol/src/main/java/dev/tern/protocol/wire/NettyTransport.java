package dev.tern.protocol.wire;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * The Netty transport that the broker's acceptors and the client's connections use: Linux's native epoll
 * where Netty's library for it loads (Linux on x86_64), Java's NIO selector elsewhere, or everywhere when
 * the system property {@value #USE_EPOLL_PROPERTY} is {@code false}. Epoll wakes an event loop with less
 * work per read and write than a selector, which counts on a path that crosses several event loops per
 * message.
 */
public final class NettyTransport {

    /** Set to {@code false} to use NIO even where epoll is available. */
    public static final String USE_EPOLL_PROPERTY = "tern.netty.epoll";

    private NettyTransport() {
    }

    /** Whether connections use epoll in this JVM. */
    public static boolean epoll() {
        return Boolean.parseBoolean(System.getProperty(USE_EPOLL_PROPERTY, "true")) && Epoll.isAvailable();
    }

    /** A group of {@code threads} event loops of the transport in use. */
    public static EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        return epoll() ? new EpollEventLoopGroup(threads, threadFactory) : new NioEventLoopGroup(threads, threadFactory);
    }

    /** The listening channel class of the transport in use. */
    public static Class<? extends ServerChannel> serverChannel() {
        return epoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The connection channel class of the transport in use. */
    public static Class<? extends SocketChannel> socketChannel() {
        return epoll() ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
