package dev.tern.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.stomp.StompFrame;
import io.netty.handler.codec.stomp.StompSubframeAggregator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The decoding half of the pipeline through an EmbeddedChannel: limits, escapes and malformed frames. */
class StompDecoderTest {

    private static final StompLimits LIMITS = new StompLimits(256, 1024, 8);

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new LimitedStompDecoder(LIMITS), new StompSubframeAggregator(LIMITS.maxBodyBytes()));
    }

    /** The first frame decoded from {@code input}, or what was raised; the caller releases a frame. */
    private static Object decode(String input) {
        EmbeddedChannel channel = channel();
        try {
            channel.writeInbound(Unpooled.copiedBuffer(input, StandardCharsets.UTF_8));
            return channel.readInbound();
        } catch (RuntimeException e) {
            return e;
        } finally {
            close(channel);
        }
    }

    /** Closes the channel, releasing what it holds; a frame left unfinished is an error, not what these tests check. */
    private static void close(EmbeddedChannel channel) {
        try {
            channel.finishAndReleaseAll();
        } catch (RuntimeException unfinished) {
            // released all the same
        }
    }

    @Test
    void escapedHeadersOfStomp12AreUnescaped() {
        StompFrame frame = (StompFrame) decode("SEND\ndestination:/queue/a\\cb\nnote:x\\ny\\\\z\n\nhi\0");
        try {
            assertThat(frame.decoderResult().isSuccess()).isTrue();
            assertThat(frame.headers().getAsString("destination")).isEqualTo("/queue/a:b");
            assertThat(frame.headers().getAsString("note")).isEqualTo("x\ny\\z");
            assertThat(frame.content().toString(StandardCharsets.UTF_8)).isEqualTo("hi");
        } finally {
            frame.release();
        }
    }

    @Test
    void malformedFramesAreFailedOrRaised() {
        for (String bad : new String[] {"SEND\nfoo:a\\tb\n\n\0", "SEND\nnocolon\n\n\0",
                "SEND\ncontent-length:-5\n\n\0", "SEND\ncontent-length:many\n\n\0"}) {
            Object result = decode(bad);
            assertThat(result).as("%s", bad.replace("\n", "|")).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void aHeaderBlockBeyondTheLimitIsRefusedBeforeItEnds() {
        Object result = decode("SEND\n" + "h:v\n".repeat(100));
        assertThat(result).isInstanceOf(RuntimeException.class);
    }

    @Test
    void manySmallFramesInOneReadAreNotTakenForOneLargeHeaderBlock() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.copiedBuffer("SEND\ndestination:q\n\nx\0\n".repeat(100), StandardCharsets.UTF_8));
        for (int i = 0; i < 100; i++) {
            StompFrame frame = channel.readInbound();
            assertThat(frame.decoderResult().isSuccess()).isTrue();
            frame.release();
        }
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aBodyWaitingForItsNulIsReleasedWhenTheChannelCloses() {
        decodeUntilClosed("SEND\ndestination:q\ncontent-length:5\n\nhello");
        NettyLeakCheck.assertNoLeaks("a channel closed before the NUL of a frame");
    }

    private static void decodeUntilClosed(String input) {
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.copiedBuffer(input, StandardCharsets.UTF_8));
        close(channel);
    }

    @Test
    void tooManyHeadersAreRefused() {
        Object result = decode("SEND\n" + "a:1\nb:2\nc:3\nd:4\ne:5\nf:6\ng:7\nh:8\ni:9\n" + "\n\0");
        assertThat(result).isInstanceOf(RuntimeException.class);
    }
}
