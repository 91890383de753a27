package dev.tern.jms.provider;

import dev.tern.protocol.wire.FrameDecoder;
import dev.tern.protocol.wire.FrameEncoder;
import dev.tern.protocol.wire.HeartbeatHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;

/**
 * Builds the client's pipeline, in one place: idle detection, frame decoder and encoder, heartbeats,
 * then the provider's handler; with TLS, an {@code SslHandler} goes first.
 */
final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final TcpClientSettings settings;
    private final ChannelHandler provider;
    private final ClientTls tls;
    private final String host;
    private final int port;

    ClientChannelInitializer(TcpClientSettings settings, ClientTls tls, String host, int port, ChannelHandler provider) {
        this.settings = settings;
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.provider = provider;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            pipeline.addLast("tls", tls.newHandler(channel.alloc(), host, port));
        }
        pipeline.addLast(HeartbeatHandler.IDLE_DETECTOR, HeartbeatHandler.idleDetector(settings.idleTimeoutMillis()));
        pipeline.addLast("decoder", FrameDecoder.forClient(settings.maxFrameSize()));
        pipeline.addLast("encoder", new FrameEncoder(settings.maxFrameSize()));
        pipeline.addLast("heartbeat", new HeartbeatHandler());
        pipeline.addLast("provider", provider);
    }
}
