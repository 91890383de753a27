package dev.tern.stomp;

import dev.tern.broker.net.BrokerEndpoint;
import dev.tern.broker.net.ProtocolAcceptor;
import dev.tern.broker.net.ProtocolHead;
import dev.tern.broker.net.TcpAcceptor;
import dev.tern.broker.net.TcpSettings;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.stomp.StompSubframeAggregator;
import io.netty.handler.codec.stomp.StompSubframeEncoder;

/**
 * STOMP 1.0, 1.1 and 1.2 on a port of its own (61613 unless configured): each socket gets Netty's
 * STOMP codec with the port's limits, a heart-beat watch, and a {@link StompConnectionHandler} that
 * turns the client's frames into the commands of one broker connection.
 */
public final class StompHead implements ProtocolHead {

    /** The port STOMP brokers listen on by convention. */
    public static final int DEFAULT_PORT = 61613;

    @Override
    public String name() {
        return "stomp";
    }

    @Override
    public int defaultPort() {
        return DEFAULT_PORT;
    }

    @Override
    public ProtocolAcceptor start(BrokerEndpoint broker, TcpSettings settings, String threadPrefix) {
        StompLimits limits = StompLimits.of(settings);
        String label = settings.tls() == null ? "stomp" : "stomp+ssl";
        return TcpAcceptor.serve(label, settings, threadPrefix + "-stomp", channel -> {
            ChannelPipeline pipeline = channel.pipeline();
            pipeline.addLast(HeartBeats.HANDLER_NAME, HeartBeats.beforeConnect(settings.idleTimeoutMillis()));
            pipeline.addLast("stomp-decoder", new LimitedStompDecoder(limits));
            pipeline.addLast("stomp-aggregator", new StompSubframeAggregator(limits.maxBodyBytes()));
            pipeline.addLast("stomp-encoder", new StompSubframeEncoder());
            pipeline.addLast("stomp", new StompConnectionHandler(broker, limits, settings.idleTimeoutMillis(),
                    settings.maxInFlightFrameBytes()));
        });
    }
}
