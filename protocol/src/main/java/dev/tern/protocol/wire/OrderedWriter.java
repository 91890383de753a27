package dev.tern.protocol.wire;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes frames to a channel in exactly the order {@link #write} is called, from any thread. Every
 * frame goes through the channel's event loop queue, also when written on the event loop itself, so a
 * frame never overtakes one queued just before it by another thread (a plain {@code Channel.write} on
 * the event loop would). The channel is flushed when no frame is queued behind the one written.
 */
public final class OrderedWriter {

    private final Channel channel;
    private final AtomicInteger queued = new AtomicInteger();

    public OrderedWriter(Channel channel) {
        this.channel = channel;
    }

    /**
     * Queues a frame.
     *
     * @param whenWritten told whether the write succeeded, or null to report failures to the pipeline
     * @return false if the channel's event loop has stopped, so that the frame will never be written
     */
    public boolean write(Object frame, ChannelFutureListener whenWritten) {
        queued.incrementAndGet();
        try {
            channel.eventLoop().execute(() -> writeNow(frame, whenWritten));
            return true;
        } catch (RejectedExecutionException e) {
            queued.decrementAndGet();
            return false;
        }
    }

    private void writeNow(Object frame, ChannelFutureListener whenWritten) {
        ChannelPromise promise = whenWritten == null ? channel.voidPromise() : channel.newPromise().addListener(whenWritten);
        channel.write(frame, promise);
        if (queued.decrementAndGet() == 0) {
            channel.flush();
        }
    }
}
