package dev.tern.broker.net;

import dev.tern.protocol.wire.FrameDecoder;
import dev.tern.protocol.wire.FrameEncoder;
import dev.tern.protocol.wire.HeartbeatHandler;
import dev.tern.protocol.wire.WireFormat;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;

/**
 * Builds the pipeline of every accepted socket, in one place: idle detection, frame decoder and
 * encoder, heartbeats, then the connection handler. A TLS handler would go first, before the decoder.
 */
final class BrokerChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final BrokerEndpoint broker;
    private final TcpSettings settings;
    private final ChannelGroup channels;

    BrokerChannelInitializer(BrokerEndpoint broker, TcpSettings settings, ChannelGroup channels) {
        this.broker = broker;
        this.settings = settings;
        this.channels = channels;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channels.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(HeartbeatHandler.IDLE_DETECTOR, HeartbeatHandler.idleDetector(settings.idleTimeoutMillis()));
        pipeline.addLast("decoder", FrameDecoder.forBroker(settings.maxFrameSize()));
        pipeline.addLast("encoder", new FrameEncoder(settings.maxFrameSize() + WireFormat.EVENT_HEADROOM));
        pipeline.addLast("heartbeat", new HeartbeatHandler());
        pipeline.addLast("connection", new TcpConnectionHandler(broker, settings));
    }
}
