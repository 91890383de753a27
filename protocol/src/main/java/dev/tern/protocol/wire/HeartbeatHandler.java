package dev.tern.protocol.wire;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a connection alive and notices a silent peer. It swallows incoming {@link Heartbeat}s, sends
 * one whenever this side has written nothing for a while, and raises a {@link WireException} when the
 * peer has sent nothing for the idle timeout; the handler that logs and closes sits above it.
 *
 * <p>Install {@link #IDLE_DETECTOR} with {@link #idleDetector} when the channel opens, so that a peer
 * that never completes the hello is closed too, and call {@link #startSending} once the peer's
 * {@link Hello} says how often it wants to hear from this side.
 */
public final class HeartbeatHandler extends ChannelDuplexHandler {

    /** The pipeline name of the {@link IdleStateHandler} this handler reacts to. */
    public static final String IDLE_DETECTOR = "idle";

    /**
     * Watches for a peer that sends nothing for {@code idleTimeoutMillis}, {@linkplain #honoured raised}
     * to {@link WireFormat#MIN_IDLE_TIMEOUT_MILLIS}; 0 never closes.
     */
    public static IdleStateHandler idleDetector(int idleTimeoutMillis) {
        return new IdleStateHandler(honoured(idleTimeoutMillis), 0, 0, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts sending heartbeats at a third of the peer's idle timeout, keeping this side's own; both are
     * {@linkplain #honoured raised} to {@link WireFormat#MIN_IDLE_TIMEOUT_MILLIS}, so that a peer cannot
     * ask for more than three heartbeats a second. Call on the channel's event loop.
     */
    public static void startSending(ChannelPipeline pipeline, int ownIdleTimeoutMillis, int peerIdleTimeoutMillis) {
        long interval = honoured(peerIdleTimeoutMillis) / 3;
        pipeline.replace(IDLE_DETECTOR, IDLE_DETECTOR,
                new IdleStateHandler(honoured(ownIdleTimeoutMillis), interval, 0, TimeUnit.MILLISECONDS));
    }

    /** The idle timeout either side acts on: 0 (never) as is, anything else at least the minimum. */
    public static int honoured(int idleTimeoutMillis) {
        return idleTimeoutMillis == 0 ? 0 : Math.max(idleTimeoutMillis, WireFormat.MIN_IDLE_TIMEOUT_MILLIS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg != Heartbeat.INSTANCE) {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                IdleStateHandler detector = (IdleStateHandler) ctx.pipeline().get(IDLE_DETECTOR);
                ctx.fireExceptionCaught(new WireException("the peer sent nothing for "
                        + detector.getReaderIdleTimeInMillis() + " ms"));
            } else if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(Heartbeat.INSTANCE);
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }
}
