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
 * then the provider's handler. A TLS handler would go first, before the decoder.
 */
final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final TcpClientSettings settings;
    private final ChannelHandler provider;

    ClientChannelInitializer(TcpClientSettings settings, ChannelHandler provider) {
        this.settings = settings;
        this.provider = provider;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(HeartbeatHandler.IDLE_DETECTOR, HeartbeatHandler.idleDetector(settings.idleTimeoutMillis()));
        pipeline.addLast("decoder", FrameDecoder.forClient(settings.maxFrameSize()));
        pipeline.addLast("encoder", new FrameEncoder(settings.maxFrameSize()));
        pipeline.addLast("heartbeat", new HeartbeatHandler());
        pipeline.addLast("provider", provider);
    }
}
