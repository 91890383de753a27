package dev.tern.broker.net;

import dev.tern.protocol.wire.FrameBudget;
import dev.tern.protocol.wire.FrameDecoder;
import dev.tern.protocol.wire.FrameEncoder;
import dev.tern.protocol.wire.HeartbeatHandler;
import dev.tern.protocol.wire.WireFormat;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;

/**
 * Builds the pipeline of every socket of Tern's own protocol, in one place: idle detection, frame decoder
 * and encoder, heartbeats, then the connection handler (TLS, if any, is added before, by the acceptor). The
 * decoders of all its sockets share one {@link FrameBudget} of the settings' maxInFlightFrameBytes.
 */
final class BrokerChannelInitializer {

    private final BrokerEndpoint broker;
    private final TcpSettings settings;
    private final FrameBudget budget;

    BrokerChannelInitializer(BrokerEndpoint broker, TcpSettings settings) {
        this.broker = broker;
        this.budget = new FrameBudget(settings.maxInFlightFrameBytes());
        this.settings = settings;
    }

    void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(HeartbeatHandler.IDLE_DETECTOR, HeartbeatHandler.idleDetector(settings.idleTimeoutMillis()));
        pipeline.addLast("decoder", FrameDecoder.forBroker(settings.maxFrameSize(), settings.messageLimits(), budget));
        pipeline.addLast("encoder", new FrameEncoder(settings.maxFrameSize() + WireFormat.EVENT_HEADROOM));
        pipeline.addLast("heartbeat", new HeartbeatHandler());
        pipeline.addLast("connection", new TcpConnectionHandler(broker, settings));
    }
}
