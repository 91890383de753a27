package dev.tern.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.protocol.Event;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrderedWriterTest {

    /** Records what reaches the socket end of the pipeline, and how often it is flushed. */
    private static final class Recorder extends ChannelOutboundHandlerAdapter {
        final List<Object> written = new ArrayList<>();
        final AtomicInteger flushes = new AtomicInteger();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            written.add(msg);
            promise.trySuccess();
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes.incrementAndGet();
        }
    }

    @Test
    void framesQueuedOnTheEventLoopKeepTheirOrderAndShareOneFlush() {
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = new EmbeddedChannel(recorder);
        OrderedWriter writer = new OrderedWriter(channel);
        for (int i = 1; i <= 5; i++) {
            assertThat(writer.write(new Event.Ok(i), null)).isTrue();
        }
        assertThat(recorder.written).as("nothing written before the event loop runs the queue").isEmpty();
        channel.runPendingTasks();
        assertThat(recorder.written).containsExactly(new Event.Ok(1), new Event.Ok(2), new Event.Ok(3),
                new Event.Ok(4), new Event.Ok(5));
        assertThat(recorder.flushes).hasValue(1);
        channel.finishAndReleaseAll();
    }

    @Test
    void theListenerLearnsTheOutcomeOfItsWrite() {
        EmbeddedChannel channel = new EmbeddedChannel(new Recorder());
        List<Boolean> outcomes = new ArrayList<>();
        new OrderedWriter(channel).write(new Event.Ok(1), future -> outcomes.add(future.isSuccess()));
        channel.runPendingTasks();
        assertThat(outcomes).containsExactly(true);
        channel.finishAndReleaseAll();
    }
}
