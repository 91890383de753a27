package dev.tern.broker.net;

import dev.tern.protocol.wire.FrameBudget;
import dev.tern.protocol.wire.FrameDecoder;
import dev.tern.protocol.wire.FrameEncoder;
import dev.tern.protocol.wire.HeartbeatHandler;
import dev.tern.protocol.wire.WireFormat;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;

/**
 * Builds the pipeline of every accepted socket, in one place: idle detection, frame decoder and
 * encoder, heartbeats, then the connection handler; with TLS, an {@code SslHandler} goes first. The
 * decoders of all its sockets share one {@link FrameBudget} of the settings' maxInFlightFrameBytes.
 */
final class BrokerChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final BrokerEndpoint broker;
    private final TcpSettings settings;
    private final ChannelGroup channels;
    private final SslContext tls;
    private final FrameBudget budget;

    BrokerChannelInitializer(BrokerEndpoint broker, TcpSettings settings, ChannelGroup channels, SslContext tls) {
        this.broker = broker;
        this.budget = new FrameBudget(settings.maxInFlightFrameBytes());
        this.tls = tls;
        this.settings = settings;
        this.channels = channels;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channels.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            pipeline.addLast("tls", tls.newHandler(channel.alloc()));
        }
        pipeline.addLast(HeartbeatHandler.IDLE_DETECTOR, HeartbeatHandler.idleDetector(settings.idleTimeoutMillis()));
        pipeline.addLast("decoder", FrameDecoder.forBroker(settings.maxFrameSize(), settings.messageLimits(), budget));
        pipeline.addLast("encoder", new FrameEncoder(settings.maxFrameSize() + WireFormat.EVENT_HEADROOM));
        pipeline.addLast("heartbeat", new HeartbeatHandler());
        pipeline.addLast("connection", new TcpConnectionHandler(broker, settings));
    }
}
