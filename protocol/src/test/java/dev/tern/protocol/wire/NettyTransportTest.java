package dev.tern.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NettyTransportTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(NettyTransport.USE_EPOLL_PROPERTY);
    }

    @Test
    void usesEpollWhereItLoadsAndNioOtherwise() throws Exception {
        boolean native64 = Epoll.isAvailable();
        assertThat(NettyTransport.epoll()).isEqualTo(native64);
        assertThat(NettyTransport.serverChannel()).isEqualTo(native64 ? EpollServerSocketChannel.class : NioServerSocketChannel.class);
        assertThat(NettyTransport.socketChannel()).isEqualTo(native64 ? EpollSocketChannel.class : NioSocketChannel.class);
        EventLoopGroup group = NettyTransport.newGroup(1, new DefaultThreadFactory("transport-test", true));
        try {
            assertThat(group).isInstanceOf(native64 ? EpollEventLoopGroup.class : NioEventLoopGroup.class);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void thePropertyTurnsEpollOff() {
        System.setProperty(NettyTransport.USE_EPOLL_PROPERTY, "false");

        assertThat(NettyTransport.epoll()).isFalse();
        assertThat(NettyTransport.serverChannel()).isEqualTo(NioServerSocketChannel.class);
        assertThat(NettyTransport.socketChannel()).isEqualTo(NioSocketChannel.class);
    }
}
